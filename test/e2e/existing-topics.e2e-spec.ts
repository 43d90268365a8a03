import { messagingTopics } from '@app/contracts';
import { KafkaTestClient, uniqueNamespace, waitUntil } from '@app/kafka/testing';
import { MessageStore } from './support/message-store';
import { MessagingSystem, sendMessage } from './support/messaging-system';
import { ServiceProcess } from './support/service.process';
import { testEnvironment } from './support/test-environment';
import { workerPort } from './support/worker-slot';

jest.setTimeout(90_000);

// Clusters where clients may not create topics (a Confluent API key without CREATE).
describe('KAFKA_CREATE_TOPICS=false: the topics must exist before start-up', () => {
  it('should stop client-a naming the missing topics, and create none, when two of four are missing', async () => {
    const { kafkaBrokers, mongodbUri } = testEnvironment();
    const namespace = uniqueNamespace();
    const topics = messagingTopics(namespace);
    const all = [topics.messages, topics.retry, topics.deadLetter, topics.status];
    const dbName = `e2e_${namespace.replace(/\W/g, '')}`;
    const kafka = new KafkaTestClient(kafkaBrokers.split(','));
    await kafka.connect();
    try {
      await kafka.createTopics([topics.messages, topics.retry]);
      const service = new ServiceProcess('client-a', {
        PORT: String(workerPort(3080)),
        KAFKA_BROKERS: kafkaBrokers,
        MONGODB_URI: mongodbUri,
        MONGODB_DB_NAME: dbName,
        KAFKA_TOPIC_NAMESPACE: namespace,
        KAFKA_CREATE_TOPICS: 'false',
      });

      const exitCode = await service.exited;

      expect(exitCode).not.toBe(0);
      const [line, ...more] = service.logs.split('\n').filter((text) => text.includes('Kafka topics missing'));
      expect(more).toHaveLength(0);
      expect(line).toContain('failed to start');
      expect(line).toContain(`KAFKA_CREATE_TOPICS=false: ${topics.deadLetter}, ${topics.status}`);
      expect(line).not.toContain(topics.messages + ',');
      expect(await kafka.existingTopics(all)).toEqual([topics.messages, topics.retry]);
    } finally {
      await kafka.disconnect();
      // Its indexes were made before Kafka was asked.
      const store = await MessageStore.open(mongodbUri, dbName);
      await store.dropDatabase();
      await store.close();
    }
  });

  describe('when every topic exists', () => {
    const system = new MessagingSystem({ KAFKA_CREATE_TOPICS: 'false' });

    beforeAll(() => system.open()); // creates the four topics, as an operator would
    afterAll(() => system.close());

    it('should start both services and deliver a message', async () => {
      const { url } = await system.start('client-a');
      await system.start('client-b');

      const sent = await sendMessage(url, { from: 'clientA', to: 'clientB', message: 'topics made by hand' });

      expect(sent.status).toBe(201);
      const messageId = sent.body.messageId as string;
      await waitUntil(async () => (await system.store.count({ messageId, mailbox: 'inbox' })) === 1, {
        description: 'the inbox copy',
      });
    });
  });
});
