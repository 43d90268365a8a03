import { waitUntil } from '@app/kafka/testing';
import { clientMessageRecords } from './support/client-message.factory';
import { DisposableRedis } from './support/disposable-redis';
import { MessagingSystem } from './support/messaging-system';
import { ServiceProcess } from './support/service.process';
import { SocketListener } from './support/socket-listener';
import { SseReader } from './support/sse-reader';

jest.setTimeout(120_000);

interface Pushed {
  messageId: string;
  message: string;
  cursor: string;
}

const pushed = (reader: SseReader) => reader.ofType('message').map((event) => JSON.parse(event.data) as Pushed);

/**
 * Redis only carries live push between instances: while it is away client-b
 * stores what arrives and answers its health check; once it is back, push
 * resumes, and SSE clients are sent back for what they missed.
 */
describe('client-b whose Redis is away', () => {
  const system = new MessagingSystem();
  const readers: SseReader[] = [];
  let redis: DisposableRedis;
  let clientB: ServiceProcess;
  let url: string;
  let socket: SocketListener;

  beforeAll(async () => {
    redis = await DisposableRedis.onFreePort(); // nothing listens there yet
    await system.open();
    ({ service: clientB, url } = await system.start('client-b', { REDIS_URL: redis.url }));
    socket = new SocketListener(url);
    await socket.connected();
  });

  afterAll(async () => {
    socket?.close();
    await Promise.all(readers.map((reader) => reader.close()));
    await system.close();
    await redis?.stop();
  });

  async function openStream(headers: Record<string, string> = {}): Promise<SseReader> {
    const reader = new SseReader(`${url}/messages/stream`, headers);
    readers.push(reader);
    expect(await reader.open()).toBe(200);
    return reader;
  }

  const stored = (count: number) =>
    waitUntil(() => system.store.count({ mailbox: 'inbox' }).then((n) => n === count), {
      description: `${count} messages stored`,
    });

  it('should store messages and answer /health while nothing listens at REDIS_URL', async () => {
    const beforeRedis = await openStream();
    await system.kafka.produce(system.topics.messages, clientMessageRecords(5, 'no redis'));

    await stored(5);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    // Its own Socket.IO clients still get what it stores; the outage is logged, never the URL's secrets.
    await waitUntil(() => socket.messageIds.length === 5, { description: '5 socket pushes from this instance' });
    expect(
      clientB.countLines(/Redis connection "[^"]+" to redis:\/\/127\.0\.0\.1:\d+ failed: .*ECONNREFUSED/),
    ).toBeGreaterThan(0);
    expect(beforeRedis.ended).toBe(false);
  });

  it('should push over SSE once Redis answers, after ending the streams opened without it', async () => {
    const beforeRedis = readers[0];

    await redis.start();

    await waitUntil(() => beforeRedis.ended, { description: 'the stream opened without Redis to be ended' });
    // As an EventSource that had been pushed the first of the five comes back with its id.
    const [firstCursor] = await cursorsOf(url, 5);
    const reader = await openStream({ 'last-event-id': firstCursor });
    await reader.waitFor('message', 4);
    await system.kafka.produce(system.topics.messages, clientMessageRecords(3, 'redis back'));
    await stored(8);
    const events = await reader.waitFor('message', 7);
    expect(events.map((event) => (JSON.parse(event.data) as Pushed).message.replace(/ #\d+$/, ''))).toEqual([
      ...Array<string>(4).fill('no redis'),
      ...Array<string>(3).fill('redis back'),
    ]);
  });

  it('should send an SSE client back for what was stored while Redis was down, then push live again', async () => {
    const during = readers[readers.length - 1];
    const lastSeen = pushed(during).at(-1)!.cursor;

    await redis.stop();
    await system.kafka.produce(system.topics.messages, clientMessageRecords(3, 'redis down'));
    await stored(11);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    await redis.start();

    await waitUntil(() => during.ended, { description: 'the stream to be ended once Redis is back' });
    const back = await openStream({ 'last-event-id': lastSeen });
    await back.waitFor('message', 3);
    await system.kafka.produce(system.topics.messages, clientMessageRecords(2, 'live again'));
    const events = await back.waitFor('message', 5);

    expect(events.map((event) => (JSON.parse(event.data) as Pushed).message.replace(/ #\d+$/, ''))).toEqual([
      'redis down',
      'redis down',
      'redis down',
      'live again',
      'live again',
    ]);
    expect(new Set(events.map((event) => event.id)).size).toBe(5);
    await waitUntil(() => socket.messageIds.length === 13, {
      description: 'every stored message pushed to the socket',
    });
  });
});

// The cursors of the newest `count` inbox messages, oldest first (GET /messages lists newest first).
async function cursorsOf(baseUrl: string, count: number): Promise<string[]> {
  const page = (await (await fetch(`${baseUrl}/messages?limit=${count}`)).json()) as { messages: Pushed[] };
  return page.messages.map(({ cursor }) => cursor).reverse();
}
