import { waitUntil } from '@app/kafka/testing';
import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { clientMessageRecord } from './support/client-message.factory';
import { MessagingSystem } from './support/messaging-system';
import { ServiceProcess } from './support/service.process';
import { SseReader } from './support/sse-reader';

jest.setTimeout(240_000);

/** What client-b promises (docs/api.md, OpenAPI): a page carries at most 1 MiB of messages as JSON. */
const PAGE_MAX_BYTES = 1024 * 1024;
/** A replay from Last-Event-ID brings at most 1000 messages or 512 KiB of them. */
const REPLAY_MAX_BYTES = 512 * 1024;
/** Large messages: 16,000 two-byte characters each, about 32 KB of JSON. */
const LARGE_MESSAGES = 120;
const LARGE_TEXT = 'é'.repeat(16_000);
const LEAVING_CLIENTS = 100;
/** client-b runs with a 128 MB heap; what it holds besides must not grow with hostile readers. */
const RSS_BUDGET_BYTES = 256 * 1024 * 1024;

interface Page {
  messages: { messageId: string; cursor: string }[];
  nextCursor: string | null;
}

interface ErrorBody {
  statusCode: number;
  message: string;
  fields?: { field: string; reasons: string[] }[];
}

/** A cursor that looks like ours and points before everything: a replay of the whole inbox. */
const epochCursor = () => Buffer.from(`0.inbox:${randomUUID()}`).toString('base64url');

describe('hostile readers of the inbox: oversized pages, forged cursors, clients that leave, too many connections', () => {
  const system = new MessagingSystem({ SSE_HEARTBEAT_MS: '500' });
  let clientB: ServiceProcess;
  let url: string;
  let cappedUrl: string;
  const readers: SseReader[] = [];
  const sockets: Socket[] = [];
  const largeIds = new Set<string>();
  let peakRss = 0;
  let sampler: NodeJS.Timeout;

  beforeAll(async () => {
    await system.open();
    ({ service: clientB, url } = await system.start('client-b'));
    // Another inbox address and group: it stores nothing of this system's and takes no partition from the first.
    ({ url: cappedUrl } = await system.start('client-b', {
      INBOX_ADDRESS: 'clientCapped',
      KAFKA_GROUP_ID: `${system.groupId}-capped`,
      SSE_MAX_CONNECTIONS: '2',
      SOCKET_MAX_CONNECTIONS: '2',
    }));
    sampler = setInterval(() => (peakRss = Math.max(peakRss, clientB.peakRssBytes() ?? 0)), 200);
    for (let batch = 0; batch < LARGE_MESSAGES / 20; batch += 1) {
      const records = Array.from({ length: 20 }, (_, index) =>
        clientMessageRecord({ message: `${LARGE_TEXT} #${batch}.${index}` }),
      );
      records.forEach(({ messageId }) => largeIds.add(messageId));
      await system.kafka.produce(system.topics.messages, records);
    }
    await waitUntil(async () => (await system.store.count({ mailbox: 'inbox' })) === LARGE_MESSAGES, {
      timeoutMs: 60_000,
      description: `${LARGE_MESSAGES} large messages stored`,
    });
  });

  afterAll(async () => {
    clearInterval(sampler);
    sockets.forEach((socket) => socket.disconnect());
    await Promise.all(readers.map((reader) => reader.close()));
    await system.close();
  });

  function stream(baseUrl: string, headers: Record<string, string> = {}): SseReader {
    const reader = new SseReader(`${baseUrl}/messages/stream`, headers);
    readers.push(reader);
    return reader;
  }

  /** Resolves 'connected', or the refusal's message and data. */
  function connect(socketUrl: string): Promise<{ outcome: string; data?: Record<string, unknown> }> {
    const socket = io(socketUrl, { transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.on('connect', () => resolve({ outcome: 'connected' }));
      socket.on('connect_error', (error: Error & { data?: Record<string, unknown> }) =>
        resolve({ outcome: error.message, data: error.data }),
      );
    });
  }

  it('should answer limit=500 of large messages in pages of at most 1 MiB, and walk them all once through nextCursor', async () => {
    const seen: string[] = [];
    const pages: { count: number; bytes: number }[] = [];
    let cursor: string | null = null;
    do {
      const response = await fetch(`${url}/messages?limit=500${cursor ? `&before=${cursor}` : ''}`);
      const text = await response.text();
      expect(response.status).toBe(200);
      const page = JSON.parse(text) as Page;
      pages.push({ count: page.messages.length, bytes: Buffer.byteLength(text) });
      seen.push(...page.messages.map(({ messageId }) => messageId));
      cursor = page.nextCursor;
    } while (cursor);

    console.log(
      `hostile readers: ${LARGE_MESSAGES} large messages in pages of ${pages.map(({ count, bytes }) => `${count} (${bytes} B)`).join(', ')}`,
    );
    expect(pages.length).toBeGreaterThan(3);
    // The envelope (`{"messages":[…],"nextCursor":…}`) and the commas come on top of the messages' bytes.
    expect(pages.every(({ bytes }) => bytes <= PAGE_MAX_BYTES + 1024)).toBe(true);
    expect(pages.every(({ count }) => count < 500)).toBe(true);
    expect(seen).toHaveLength(LARGE_MESSAGES);
    expect(new Set(seen)).toEqual(largeIds);
    expect(seen).toEqual((await system.store.inboxOrder()).reverse());
  });

  it.each([
    { case: 'not base64url', before: 'not a cursor!' },
    { case: '4 KB long', before: 'A'.repeat(4 * 1024) },
    { case: 'a valid cursor, padded', before: `${epochCursor()}==` },
    { case: 'the base64url of other text', before: Buffer.from('1.outbox:anything').toString('base64url') },
    {
      case: 'the base64url of a time that is no Date',
      before: Buffer.from(`99999999999999999.inbox:${randomUUID()}`).toString('base64url'),
    },
  ])('should refuse a forged cursor ($case) with a 400 naming `before`', async ({ before }) => {
    const response = await fetch(`${url}/messages?before=${encodeURIComponent(before)}`);
    const body = (await response.json()) as ErrorBody;

    expect(response.status).toBe(400);
    expect(body.fields?.map(({ field }) => field)).toEqual(['before']);
  });

  it.each([
    { case: 'not base64url', lastEventId: 'not a cursor!' },
    { case: '8 KB long', lastEventId: 'A'.repeat(8 * 1024) },
    { case: 'a heartbeat-like id', lastEventId: '1' },
    { case: 'the base64url of other text', lastEventId: Buffer.from('1.outbox:anything').toString('base64url') },
  ])('should refuse a forged Last-Event-ID ($case) with a 400 naming it', async ({ lastEventId }) => {
    const response = await fetch(`${url}/messages/stream`, {
      headers: { accept: 'text/event-stream', 'last-event-id': lastEventId },
    });
    const body = (await response.json()) as ErrorBody;

    expect(response.status).toBe(400);
    expect(body.fields?.map(({ field }) => field)).toEqual(['Last-Event-ID']);
  });

  it('should replay at most 512 KiB from an old Last-Event-ID, then end with a reload event; the same id again brings the next part', async () => {
    const first = stream(url, { 'last-event-id': epochCursor() });
    expect(await first.open()).toBe(200);
    await first.waitFor('reload', 1);
    await waitUntil(() => first.ended, { description: 'the cut replay to end its stream' });

    const replayed = first.ofType('message');
    const replayedBytes = replayed.reduce((sum, { data }) => sum + Buffer.byteLength(data), 0);
    const order = await system.store.inboxOrder();
    expect(replayed.length).toBeGreaterThan(1);
    expect(replayedBytes).toBeLessThanOrEqual(REPLAY_MAX_BYTES);
    expect(replayed.map(({ data }) => (JSON.parse(data) as { messageId: string }).messageId)).toEqual(
      order.slice(0, replayed.length),
    );
    expect(JSON.parse(first.ofType('reload')[0].data)).toMatchObject({ reload: '/messages' });

    const next = stream(url, { 'last-event-id': replayed[replayed.length - 1].id! });
    expect(await next.open()).toBe(200);
    const [continued] = await next.waitFor('message', 1);
    expect((JSON.parse(continued.data) as { messageId: string }).messageId).toBe(order[replayed.length]);
  });

  it('should stay up and in budget when a hundred clients leave mid-replay, and store and push the next message to a fresh subscriber', async () => {
    const leaving = Array.from({ length: LEAVING_CLIENTS }, () => stream(url, { 'last-event-id': epochCursor() }));
    const statuses = await Promise.all(leaving.map((reader) => reader.open()));
    await Promise.all(leaving.map((reader) => reader.close()));
    const fresh = stream(url);
    expect(await fresh.open()).toBe(200);
    const record = clientMessageRecord({ message: 'after the hundred left' });

    await system.kafka.produce(system.topics.messages, [record]);

    const [pushed] = await fresh.waitFor('message', 1, 60_000);
    console.log(`hostile readers: client-b peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect((JSON.parse(pushed.data) as { messageId: string }).messageId).toBe(record.messageId);
    expect(await system.store.count({ messageId: record.messageId, mailbox: 'inbox' })).toBe(1);
    expect(Math.max(peakRss, clientB.peakRssBytes() ?? 0)).toBeLessThan(RSS_BUDGET_BYTES);
  });

  it('should answer the SSE stream past SSE_MAX_CONNECTIONS with 503 and Retry-After, and take a client again once one leaves', async () => {
    const [one, two] = [stream(cappedUrl), stream(cappedUrl)];
    const statuses = [await one.open(), await two.open()];

    const refused = await fetch(`${cappedUrl}/messages/stream`, { headers: { accept: 'text/event-stream' } });
    const body = (await refused.json()) as ErrorBody;
    await one.close();
    const again = stream(cappedUrl);
    await waitUntil(async () => (await again.open()) === 200, { description: 'a place for a stream once one left' });
    await two.close();
    await again.close();

    expect(statuses).toEqual([200, 200]);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(body.message).toContain('SSE_MAX_CONNECTIONS=2');
  });

  it('should refuse a socket past SOCKET_MAX_CONNECTIONS with a connect_error that says when to try again', async () => {
    const admitted = [await connect(`${cappedUrl}/inbox`), await connect(`${cappedUrl}/inbox`)];

    const refused = await connect(`${cappedUrl}/inbox`);
    sockets.splice(0).forEach((socket) => socket.disconnect());

    expect(admitted.map(({ outcome }) => outcome)).toEqual(['connected', 'connected']);
    expect(refused.outcome).toMatch(/^unavailable: .*SOCKET_MAX_CONNECTIONS=2/);
    expect(refused.data).toEqual({ code: 'UNAVAILABLE', retryAfterSeconds: 5 });
  });

  it("should refuse Socket.IO's default namespace: only /inbox takes connections", async () => {
    const refused = await connect(url);
    const inbox = await connect(`${url}/inbox`);

    expect(refused).toEqual({ outcome: 'not found: connect to the /inbox namespace', data: { code: 'NOT_FOUND' } });
    expect(inbox.outcome).toBe('connected');
  });
});
