import { waitUntil } from '@app/kafka/testing';
import { io, Socket } from 'socket.io-client';
import { clientMessageRecord } from './support/client-message.factory';
import { MessagingSystem } from './support/messaging-system';
import { ServiceProcess } from './support/service.process';
import { SocketListener } from './support/socket-listener';
import { testEnvironment } from './support/test-environment';

jest.setTimeout(120_000);

// 12 MB of pushes: more than the kernel buffers (about 4 MB here) and 1000 waiting packets of a client that does not read.
const MESSAGES = 3000;
const TEXT = 'x'.repeat(4000);
const PRODUCE_BATCH = 100;
const DROPPED_LINE = 'is not reading its events; closing its connection';

/**
 * With the Redis adapter, a broadcast reaches a socket on another instance
 * without passing through that instance's gateway subscription: each socket
 * watches its own buffer, so a client that stops reading is dropped on the
 * storing instance and on the other alike, while reading clients get everything.
 */
describe('a Socket.IO client that stops reading, on each of two client-b instances sharing a Redis', () => {
  const system = new MessagingSystem({ REDIS_URL: testEnvironment().redisUrl, LOG_LEVEL: 'warn' }, { partitions: 6 });
  const instances: { service: ServiceProcess; reader: SocketListener; stuck: StuckSocket }[] = [];

  beforeAll(async () => {
    await system.open();
    for (let i = 0; i < 2; i += 1) {
      const { service, url } = await system.start('client-b');
      const reader = new SocketListener(url);
      await reader.connected();
      instances.push({ service, reader, stuck: await stuckSocket(url) });
    }
  });

  afterAll(async () => {
    instances.forEach(({ reader, stuck }) => (reader.close(), stuck.destroy()));
    await system.close();
  });

  it('should be dropped by both instances while the reading clients of both get every message', async () => {
    for (let start = 0; start < MESSAGES; start += PRODUCE_BATCH) {
      const records = Array.from({ length: PRODUCE_BATCH }, (_, index) =>
        clientMessageRecord({ message: `${TEXT} #${start + index}` }),
      );
      await system.kafka.produce(system.topics.messages, records);
    }

    for (const { reader } of instances) {
      await waitUntil(() => reader.messageIds.length >= MESSAGES, {
        timeoutMs: 90_000,
        intervalMs: 250,
        description: `${MESSAGES} pushes to a reading socket`,
      });
    }
    for (const { service } of instances) await service.waitForLog(DROPPED_LINE, 30_000);
    instances.forEach(({ reader }) => expect(new Set(reader.messageIds).size).toBe(MESSAGES));
    instances.forEach(({ service }) => expect(service.countLines(DROPPED_LINE)).toBe(1));
  });
});

interface StuckSocket {
  destroy(): void;
}

/** A Socket.IO client whose connection stops reading once it is open (its TCP socket paused). */
async function stuckSocket(baseUrl: string): Promise<StuckSocket> {
  const socket: Socket = io(`${baseUrl}/inbox`, { transports: ['websocket'], reconnection: false });
  await waitUntil(() => socket.connected, { description: 'the stuck socket to connect' });
  // engine.io-client's websocket transport in Node is a `ws` WebSocket over a net.Socket.
  const tcp = (socket.io.engine.transport as unknown as { ws: { _socket: { pause(): void; destroy(): void } } }).ws
    ._socket;
  tcp.pause();
  return { destroy: () => (socket.disconnect(), tcp.destroy()) };
}
