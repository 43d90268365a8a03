import { ApiTags } from '@nestjs/swagger';
import { MESSAGING_TOPICS } from '@app/config';
import { MessagingTopics } from '@app/contracts';
import { ConsumerLagReader, PartitionAssignment, RetryTopicServer, TopicLag } from '@app/kafka';
import { Controller, Get, Inject } from '@nestjs/common';
import { AdminEndpoint } from '../access/admin.guard';
import { ClientBEnvironment } from '../config/client-b.environment';
import { unavailableWhenRetriable } from '../dead-letters/unavailable-when-retriable';
import { ReplayCounters, ReplayCounts } from '../dead-letters/dead-letter.replayer';

export interface ConsumerState {
  readonly groupId: string;
  /** The whole group's lag by partition, from the broker. */
  readonly topics: TopicLag[];
  readonly lag: number;
  /** Retry records this instance holds in memory until due. */
  readonly heldRetryRecords: number;
  /** The partitions this instance reads now. */
  readonly partitions: PartitionAssignment;
  /** Replays asked of this instance since it started. */
  readonly replays: ReplayCounts;
}

/** GET /admin/consumer (ADMIN_TOKEN): how far client-b's group is behind, and what this instance holds. */
@ApiTags('admin')
@AdminEndpoint()
@Controller('admin/consumer')
export class ConsumerStateController {
  constructor(
    private readonly lag: ConsumerLagReader,
    private readonly consumer: RetryTopicServer,
    private readonly replays: ReplayCounters,
    private readonly env: ClientBEnvironment,
    @Inject(MESSAGING_TOPICS) private readonly topics: MessagingTopics,
  ) {}

  @Get()
  async state(): Promise<ConsumerState> {
    const groupId = this.env.KAFKA_GROUP_ID;
    const topics = await unavailableWhenRetriable(this.lag.read(groupId, [this.topics.messages, this.topics.retry]));
    return {
      groupId,
      topics,
      lag: topics.reduce((sum, topic) => sum + topic.lag, 0),
      heldRetryRecords: this.consumer.heldRecords(),
      partitions: this.consumer.assignment(),
      replays: this.replays.snapshot(),
    };
  }
}
