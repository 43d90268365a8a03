import { RawRecord, waitUntil } from '@app/kafka/testing';
import { clientMessageRecord } from './support/client-message.factory';
import { MessagingSystem } from './support/messaging-system';

jest.setTimeout(120_000);

interface InboxPage {
  messages: { messageId: string; from: string; receivedAt: string; cursor: string }[];
  nextCursor: string | null;
}

const TOTAL = 120;

describe('GET /messages: the inbox, newest first, in pages', () => {
  const system = new MessagingSystem();
  let url: string;
  const fromOf = new Map<string, string>();

  beforeAll(async () => {
    await system.open();
    ({ url } = await system.start('client-b'));
    // Three rounds, so that pages cross both stored-time boundaries and ties within one batch.
    for (let round = 0; round < 3; round += 1) {
      const records: RawRecord[] = Array.from({ length: TOTAL / 3 }, (_, index) => {
        const from = index % 4 === 0 ? 'alice' : 'bob';
        const record = withSender(clientMessageRecord({ message: `page #${round}.${index}` }), from);
        fromOf.set(record.messageId, from);
        return record;
      });
      await system.kafka.produce(system.topics.messages, records);
      await waitUntil(() => system.store.count({ mailbox: 'inbox' }).then((n) => n === ((round + 1) * TOTAL) / 3));
    }
  });

  afterAll(() => system.close());

  async function page(
    query: string,
  ): Promise<{ status: number; body: InboxPage & { message?: string; fields?: unknown } }> {
    const response = await fetch(`${url}/messages?${query}`);
    return { status: response.status, body: (await response.json()) as InboxPage };
  }

  it('should walk every stored message exactly once, newest first, following nextCursor', async () => {
    const seen: InboxPage['messages'] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const { status, body }: { status: number; body: InboxPage } = await page(
        `limit=50${cursor ? `&before=${cursor}` : ''}`,
      );
      expect(status).toBe(200);
      sizes.push(body.messages.length);
      seen.push(...body.messages);
      cursor = body.nextCursor;
    } while (cursor);

    expect(sizes).toEqual([50, 50, 20]);
    expect(new Set(seen.map(({ messageId }) => messageId)).size).toBe(TOTAL);
    const times = seen.map(({ receivedAt }) => Date.parse(receivedAt));
    expect(times.every((time, index) => index === 0 || time <= times[index - 1])).toBe(true);
  });

  it('should filter by sender and by stored time', async () => {
    const alice = await page('from=alice&limit=500');
    const all = await page('limit=500');
    const middle = all.body.messages[60].receivedAt;
    const since = await page(`since=${middle}&limit=500`);
    const until = await page(`until=${middle}&limit=500`);

    expect(alice.body.messages.length).toBe([...fromOf.values()].filter((from) => from === 'alice').length);
    expect(alice.body.messages.every(({ from }) => from === 'alice')).toBe(true);
    expect(since.body.messages.every(({ receivedAt }) => receivedAt >= middle)).toBe(true);
    expect(until.body.messages.every(({ receivedAt }) => receivedAt < middle)).toBe(true);
    expect(since.body.messages.length + until.body.messages.length).toBe(TOTAL);
  });

  it.each([
    { query: 'limit=0', field: 'limit' },
    { query: 'limit=501', field: 'limit' },
    { query: 'limit=ten', field: 'limit' },
    { query: 'before=not-a-cursor', field: 'before' },
    { query: 'since=yesterday', field: 'since' },
    { query: 'until=2026-13-45', field: 'until' },
    { query: 'from=%24ne', field: 'from' },
    { query: 'sort=asc', field: 'sort' },
  ])('should answer 400 naming $field when the query is $query', async ({ query, field }) => {
    const { status, body } = await page(query);

    expect(status).toBe(400);
    expect(body.fields).toEqual([expect.objectContaining({ field })]);
  });
});

function withSender(record: RawRecord & { messageId: string }, from: string): RawRecord & { messageId: string } {
  const payload = JSON.parse(String(record.value)) as Record<string, unknown>;
  return { ...record, value: JSON.stringify({ ...payload, from }) };
}
