import { waitUntil } from '@app/kafka/testing';
import { DisposableBroker } from './support/disposable-broker';
import { MessagingSystem, sendMessage } from './support/messaging-system';
import { workerPort } from './support/worker-slot';

jest.setTimeout(400_000);

const TOTAL = 2000;
const CHUNK = 50;
const PAUSE_MS = 300;
const OUTAGE_MS = 10_000;

describe('Kafka stops for 10 s while 2,000 messages are sent', () => {
  const broker = new DisposableBroker(workerPort(29100, 2));
  const system = new MessagingSystem(
    { LOG_LEVEL: 'log', RATE_LIMIT_PER_MINUTE: '0', KAFKA_REQUEST_TIMEOUT_MS: '3000', PUBLISH_TIMEOUT_MS: '2000' },
    { kafkaBrokers: broker.brokers },
  );
  const statuses = new Map<number, number>();
  const messageIds: string[] = [];

  beforeAll(async () => {
    await broker.start();
    await system.open();
    await system.start('client-b');
    const { url } = await system.start('client-a');
    const sending = sendAll(url);
    await waitUntil(() => messageIds.length >= 300, {
      timeoutMs: 60_000,
      description: '300 answers before the outage',
    });
    await broker.stop();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await broker.start();
    await sending;
  });

  afterAll(async () => {
    await system.close();
    await broker.destroy();
  });

  // Paced, so that the stream runs before, during and after the outage.
  async function sendAll(url: string): Promise<void> {
    for (let start = 0; start < TOTAL; start += CHUNK) {
      const answers = await Promise.all(
        Array.from({ length: CHUNK }, (_, offset) =>
          sendMessage(url, { from: 'clientA', to: 'clientB', message: `outage #${start + offset}` }),
        ),
      );
      for (const { status, body } of answers) {
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (typeof body.messageId === 'string') messageIds.push(body.messageId);
      }
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
  }

  it('should answer every request 201 or 202, with 202 while Kafka was down', () => {
    console.log(`kafka outage answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect([...statuses.keys()].every((status) => status === 201 || status === 202)).toBe(true);
    expect(statuses.get(202)).toBeGreaterThan(0);
    expect(new Set(messageIds).size).toBe(TOTAL);
  });

  it('should have client-b store every accepted message exactly once after Kafka returns', async () => {
    await waitUntil(() => system.store.count({ mailbox: 'inbox' }).then((n) => n >= TOTAL), {
      timeoutMs: 240_000,
      intervalMs: 1000,
      description: `${TOTAL} messages stored by client-b`,
    });
    const stored = await system.store.find({ mailbox: 'inbox' });
    const storedIds = new Set(stored.map((message) => message.messageId));
    expect(stored).toHaveLength(TOTAL);
    expect(messageIds.filter((id) => !storedIds.has(id))).toEqual([]);
  });

  it('should empty the outbox and keep one sender copy per message once the relay caught up', async () => {
    await waitUntil(() => system.store.countIn('outbox').then((n) => n === 0), {
      timeoutMs: 60_000,
      description: 'an empty outbox',
    });
    expect(await system.store.count({ mailbox: 'outbox' })).toBe(TOTAL);
  });
});
