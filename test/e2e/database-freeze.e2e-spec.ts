import { waitUntil } from '@app/kafka/testing';
import { DisposableDatabase } from './support/disposable-database';
import { MessagingSystem, sendMessage } from './support/messaging-system';
import { workerPort } from './support/worker-slot';

jest.setTimeout(300_000);

const SENDERS = 16;
const FREEZE_MS = 8000;

interface Answer {
  readonly text: string;
  readonly status: number;
  readonly messageId?: string;
}

describe("client-a's answers while its database is frozen under load", () => {
  const database = new DisposableDatabase(workerPort(27400));
  const system = new MessagingSystem(
    { MONGODB_TIMEOUT_MS: '1000', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn' },
    { mongodbUri: database.uri },
  );
  const answers: Answer[] = [];
  let url: string;

  beforeAll(async () => {
    await database.start();
    await system.open();
    ({ url } = await system.start('client-a'));
    await system.start('client-b');
    let sending = true;
    let next = 0;
    const sender = async () => {
      while (sending) {
        const text = `freeze #${next++}`;
        const { status, body } = await sendMessage(url, { from: 'clientA', to: 'clientB', message: text });
        answers.push({ text, status, messageId: typeof body.messageId === 'string' ? body.messageId : undefined });
      }
    };
    const senders = Array.from({ length: SENDERS }, sender);
    await waitUntil(() => answers.length >= 200, { timeoutMs: 60_000, description: '200 answers before the freeze' });
    database.freeze();
    await new Promise((resolve) => setTimeout(resolve, FREEZE_MS));
    database.thaw();
    await waitUntil(() => answers.slice(-50).filter(({ status }) => status === 201).length === 50, {
      timeoutMs: 60_000,
      description: '50 answers in a row accepted after the thaw',
    });
    sending = false;
    await Promise.all(senders);
  });

  afterAll(async () => {
    await system.close();
    await database.destroy();
  });

  it('should deliver every accepted message and never a refused one', async () => {
    const counts = countBy(answers.map(({ status }) => status));
    console.log(`database freeze answers: ${JSON.stringify(counts)}`);
    expect(Object.keys(counts).every((status) => ['201', '202', '503', '504'].includes(status))).toBe(true);
    expect((counts['503'] ?? 0) + (counts['504'] ?? 0)).toBeGreaterThan(0);
    const accepted = answers.filter(({ status }) => status === 201 || status === 202);
    const refused = answers.filter(({ status }) => status === 503);

    await waitUntil(() => system.store.count({ mailbox: 'inbox' }).then((n) => n >= accepted.length), {
      timeoutMs: 120_000,
      intervalMs: 1000,
      description: `${accepted.length} accepted messages stored by client-b`,
    });
    // Several relay rounds, so anything the relay would wrongly publish has had its chance.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const inbox = new Set((await system.store.find({ mailbox: 'inbox' })).map(({ message }) => message));
    expect(accepted.filter(({ text }) => !inbox.has(text))).toEqual([]);
    expect(refused.filter(({ text }) => inbox.has(text))).toEqual([]);
  });

  it('should tell the truth later about every message whose outcome was unknown', async () => {
    const unknown = answers.filter(({ status }) => status === 504);
    expect(unknown.every(({ messageId }) => messageId !== undefined)).toBe(true);

    for (const { messageId, text } of unknown) {
      const view = await waitUntil(
        async () => {
          const response = await fetch(`${url}/messages/${messageId}`);
          if (response.status === 404) return { status: 'never stored' };
          const body = (await response.json()) as { status: string };
          return body.status === 'delivered' && body;
        },
        { timeoutMs: 60_000, description: `a final answer for ${messageId}` },
      );
      const stored = (await system.store.count({ mailbox: 'inbox', message: text })) === 1;
      expect(stored).toBe(view.status === 'delivered');
    }
  });
});

function countBy(values: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
