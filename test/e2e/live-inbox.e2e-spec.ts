import { waitUntil } from '@app/kafka/testing';
import { io, Socket } from 'socket.io-client';
import { clientMessageRecord, clientMessageRecords } from './support/client-message.factory';
import { MessagingSystem } from './support/messaging-system';
import { SseReader } from './support/sse-reader';

jest.setTimeout(120_000);

interface Pushed {
  messageId: string;
  message: string;
  cursor: string;
}

describe('live inbox: SSE and Socket.IO push stored messages', () => {
  const system = new MessagingSystem({ SSE_HEARTBEAT_MS: '300' });
  let url: string;
  const readers: SseReader[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    await system.open();
    ({ url } = await system.start('client-b'));
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await Promise.all(readers.map((reader) => reader.close()));
    await system.close();
  });

  async function openStream(headers: Record<string, string> = {}): Promise<SseReader> {
    const reader = new SseReader(`${url}/messages/stream`, headers);
    readers.push(reader);
    expect(await reader.open()).toBe(200);
    return reader;
  }

  it('should push each message once it is stored, with its cursor as the event id', async () => {
    const reader = await openStream();
    const records = clientMessageRecords(3, 'sse live');

    await system.kafka.produce(system.topics.messages, records);
    const events = await reader.waitFor('message', 3);

    const pushed = events.map((event) => JSON.parse(event.data) as Pushed);
    expect(pushed.map(({ messageId }) => messageId).sort()).toEqual(records.map(({ messageId }) => messageId).sort());
    expect(events.every((event, index) => event.id === pushed[index].cursor)).toBe(true);
    for (const { messageId } of pushed) expect(await system.store.count({ messageId, mailbox: 'inbox' })).toBe(1);
  });

  it('should not push a redelivered message again', async () => {
    const reader = await openStream();
    const record = clientMessageRecord({ message: 'sent twice' });
    const marker = clientMessageRecord({ message: 'after the duplicate' });

    await system.kafka.produce(system.topics.messages, [record]);
    await reader.waitFor('message', 1);
    await system.kafka.produce(system.topics.messages, [record, marker]);
    const events = await reader.waitFor('message', 2);

    expect(events.map((event) => (JSON.parse(event.data) as Pushed).message)).toEqual([
      'sent twice',
      'after the duplicate',
    ]);
  });

  it('should replay what was stored while a client was away, then go live, with no gap and no duplicate', async () => {
    const first = await openStream();
    await system.kafka.produce(system.topics.messages, clientMessageRecords(2, 'before away'));
    const seen = await first.waitFor('message', 2);
    await first.close();
    const missed = clientMessageRecords(5, 'while away');
    await system.kafka.produce(system.topics.messages, missed);
    await waitUntil(() => system.store.count({ mailbox: 'inbox', message: 'while away #4' }).then((n) => n === 1));

    const second = await openStream({ 'last-event-id': seen[1].id! });
    const live = clientMessageRecords(2, 'after return');
    await second.waitFor('message', 5);
    await system.kafka.produce(system.topics.messages, live);
    const events = await second.waitFor('message', 7);

    const ids = events.map((event) => (JSON.parse(event.data) as Pushed).messageId);
    expect(ids.slice(0, 5).sort()).toEqual(missed.map(({ messageId }) => messageId).sort());
    expect(ids.slice(5).sort()).toEqual(live.map(({ messageId }) => messageId).sort());
    expect(new Set(ids).size).toBe(7);
  });

  it('should send heartbeats on an idle stream', async () => {
    const reader = await openStream();

    const heartbeats = await reader.waitFor('heartbeat', 2, 10_000);

    expect(heartbeats.length).toBeGreaterThanOrEqual(2);
  });

  it('should push stored messages to a Socket.IO client of namespace /inbox', async () => {
    const socket = io(`${url}/inbox`, { transports: ['websocket'] });
    sockets.push(socket);
    const received: Pushed[] = [];
    socket.on('message', (message: Pushed) => received.push(message));
    await waitUntil(() => socket.connected, { description: 'the socket to connect' });
    const records = clientMessageRecords(3, 'socket');

    await system.kafka.produce(system.topics.messages, records);

    await waitUntil(() => received.length >= 3, { description: '3 socket events' });
    expect(received.map(({ messageId }) => messageId).sort()).toEqual(records.map(({ messageId }) => messageId).sort());
  });
});
