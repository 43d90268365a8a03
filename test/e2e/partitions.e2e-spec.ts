import { messagingTopics } from '@app/contracts';
import { MessagingSystem } from './support/messaging-system';

jest.setTimeout(120_000);

interface Health {
  details: { consumer: { groupId: string; partitions: Record<string, number[]> } };
}

/** client-b's readiness details of its consumer: the partitions it owns. */
async function consumerOf(url: string): Promise<Health['details']['consumer']> {
  return ((await (await fetch(`${url}/health/ready`)).json()) as Health).details.consumer;
}

describe('partitions of the topics', () => {
  it('should create missing topics with KAFKA_TOPIC_PARTITIONS partitions each, the retry topic as many as the main one', async () => {
    const system = new MessagingSystem();
    await system.open();
    try {
      // A namespace whose topics do not exist yet: the service creates them.
      const namespace = `${system.namespace}fresh.`;
      const topics = messagingTopics(namespace);
      const { url } = await system.start('client-b', { KAFKA_TOPIC_NAMESPACE: namespace });

      const counts = await Promise.all(
        [topics.messages, topics.retry, topics.deadLetter, topics.status].map((t) => system.kafka.partitionCount(t)),
      );
      expect(counts).toEqual([6, 6, 6, 6]);
      expect((await consumerOf(url)).partitions).toEqual({
        [topics.messages]: [0, 1, 2, 3, 4, 5],
        [topics.retry]: [0, 1, 2, 3, 4, 5],
      });
    } finally {
      await system.close();
    }
  });

  it('should leave an existing one-partition topic as it is unless told to grow it', async () => {
    const system = new MessagingSystem(); // its topics are created with 1 partition
    await system.open();
    try {
      const { url } = await system.start('client-b', { KAFKA_TOPIC_PARTITIONS: '6' });

      expect(await system.kafka.partitionCount(system.topics.messages)).toBe(1);
      expect((await consumerOf(url)).partitions).toEqual({ [system.topics.messages]: [0], [system.topics.retry]: [0] });
    } finally {
      await system.close();
    }
  });

  it('should grow an existing one-partition topic with KAFKA_GROW_PARTITIONS=true', async () => {
    const system = new MessagingSystem();
    await system.open();
    try {
      const { url } = await system.start('client-b', { KAFKA_TOPIC_PARTITIONS: '4', KAFKA_GROW_PARTITIONS: 'true' });

      const { messages, retry, deadLetter, status } = system.topics;
      const counts = await Promise.all(
        [messages, retry, deadLetter, status].map((t) => system.kafka.partitionCount(t)),
      );
      expect(counts).toEqual([4, 4, 4, 4]);
      // Grown before the consumer joins its group, so it reads every partition from the start.
      expect((await consumerOf(url)).partitions).toEqual({ [messages]: [0, 1, 2, 3], [retry]: [0, 1, 2, 3] });
    } finally {
      await system.close();
    }
  });
});
