import { Injectable } from '@nestjs/common';
import { consumerLag, TopicLag } from './consumer-lag';
import { SharedAdmin } from './shared-admin';

/**
 * A consumer group's lag by partition, from the broker alone: the group's
 * committed offsets against the topics' end offsets. It needs no member of
 * the group, so it answers for the whole group, whichever instance asks.
 */
@Injectable()
export class ConsumerLagReader {
  constructor(private readonly admin: SharedAdmin) {}

  async read(groupId: string, topics: readonly string[]): Promise<TopicLag[]> {
    const committed = await this.admin.run(`reading the offsets of group ${groupId}`, (admin) =>
      admin.fetchOffsets({ groupId, topics: [...topics] }),
    );
    return Promise.all(
      topics.map(async (topic) => {
        const watermarks = await this.admin.run(`reading the end offsets of ${topic}`, (admin) =>
          admin.fetchTopicOffsets(topic),
        );
        const ofTopic = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
        return consumerLag(topic, new Map(ofTopic.map(({ partition, offset }) => [partition, offset])), watermarks);
      }),
    );
  }
}
