import { waitUntil } from '@app/kafka/testing';
import { clientMessageRecords } from './support/client-message.factory';
import { MessagingSystem } from './support/messaging-system';

jest.setTimeout(600_000);

const BACKLOG = 50_000;
const PRODUCE_BATCH = 1000;
const MESSAGE_STATUS_COLLECTION = 'message-status';

describe('delivery receipts of a large backlog', () => {
  const system = new MessagingSystem({ LOG_LEVEL: 'warn' });

  beforeAll(() => system.open());
  afterAll(() => system.close());

  it('should record a delivered status at client-a for every one of 50,000 backlog messages', async () => {
    const records = clientMessageRecords(BACKLOG, 'backlog receipt');
    for (let start = 0; start < records.length; start += PRODUCE_BATCH) {
      await system.kafka.produce(system.topics.messages, records.slice(start, start + PRODUCE_BATCH));
    }
    const receiptsGroup = system.env('client-a', 0).RECEIPTS_GROUP_ID;

    await system.start('client-a');
    await system.start('client-b');

    // client-b committed the backlog, and client-a committed every receipt client-b sent for it.
    await waitUntil(() => system.kafka.groupLag(system.groupId, [system.topics.messages]).then((lag) => lag === 0), {
      timeoutMs: 420_000,
      intervalMs: 1000,
      description: 'client-b to drain the backlog',
    });
    await waitUntil(() => system.kafka.groupLag(receiptsGroup, [system.topics.status]).then((lag) => lag === 0), {
      timeoutMs: 120_000,
      intervalMs: 1000,
      description: 'client-a to record every receipt',
    });
    const delivered = new Set(
      await system.store.valuesIn(MESSAGE_STATUS_COLLECTION, 'messageId', { status: 'delivered' }),
    );
    const missing = records.filter(({ messageId }) => !delivered.has(messageId));
    expect(missing).toHaveLength(0);
    expect(delivered.size).toBe(BACKLOG);
  });
});
