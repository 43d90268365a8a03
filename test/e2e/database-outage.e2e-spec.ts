import { MESSAGE_ID_HEADER } from '@app/contracts';
import { waitUntil } from '@app/kafka/testing';
import { clientMessageRecords } from './support/client-message.factory';
import { DisposableDatabase } from './support/disposable-database';
import { MessagingSystem } from './support/messaging-system';
import { workerPort } from './support/worker-slot';

jest.setTimeout(300_000);

const TOTAL = 2000;
const CHUNK = 100;

describe('the database stops for 5 s during a stream of 2,000 messages', () => {
  const database = new DisposableDatabase(workerPort(27200));
  const system = new MessagingSystem({ MONGODB_TIMEOUT_MS: '1000', LOG_LEVEL: 'warn' }, { mongodbUri: database.uri });

  beforeAll(async () => {
    await database.start();
    await system.open();
    await system.start('client-b');
  });

  afterAll(async () => {
    await system.close();
    await database.destroy();
  });

  it('should store every message exactly once or dead-letter it, losing none', async () => {
    const records = clientMessageRecords(TOTAL, 'outage');
    const stream = (async () => {
      for (let start = 0; start < TOTAL; start += CHUNK) {
        await system.kafka.produce(system.topics.messages, records.slice(start, start + CHUNK));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    await waitUntil(() => system.store.count({ mailbox: 'inbox' }).then((n) => n >= 300), { timeoutMs: 60_000 });

    await database.stop();
    await new Promise((resolve) => setTimeout(resolve, 5000));
    await database.start();
    await stream;

    const ids = records.map((record) => record.messageId);
    const deadLettered = await waitUntil(
      async () => {
        const stored = await system.store.count({ mailbox: 'inbox' });
        const dead = await system.kafka.recordCount(system.topics.deadLetter);
        return stored + dead >= TOTAL && { stored, dead };
      },
      { timeoutMs: 120_000, intervalMs: 500, description: 'every message stored or dead-lettered' },
    );
    const stored = await system.store.find({ mailbox: 'inbox' });
    const storedIds = new Set(stored.map((message) => message.messageId));
    const deadIds = new Set(
      deadLettered.dead > 0
        ? (await system.kafka.readAll(system.topics.deadLetter)).map((r) => r.headers[MESSAGE_ID_HEADER])
        : [],
    );
    expect(stored).toHaveLength(storedIds.size);
    expect(ids.filter((id) => !storedIds.has(id) && !deadIds.has(id))).toEqual([]);
    expect(await system.kafka.endOffsetTotal(system.topics.retry)).toBeGreaterThan(0);
    console.log(`database outage: ${storedIds.size} stored, ${deadIds.size} dead-lettered, of ${TOTAL}`);
  });
});
