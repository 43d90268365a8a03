import { waitUntil } from '@app/kafka/testing';
import { connect, Socket } from 'node:net';
import { clientMessageRecord } from './support/client-message.factory';
import { MessagingSystem } from './support/messaging-system';
import { SseReader } from './support/sse-reader';

jest.setTimeout(300_000);

const MESSAGES = 30_000;
const TEXT = 'x'.repeat(1000);
const PRODUCE_BATCH = 400;

describe('an SSE client that stops reading', () => {
  const system = new MessagingSystem({ LOG_LEVEL: 'warn' });
  let url: string;
  let stuck: Socket;
  let reader: SseReader;

  beforeAll(async () => {
    await system.open();
    ({ url } = await system.start('client-b'));
  });

  afterAll(async () => {
    stuck?.destroy();
    await reader?.close();
    await system.close();
  });

  it('should be dropped while the consumer and a reading client get every message', async () => {
    reader = new SseReader(`${url}/messages/stream`);
    expect(await reader.open()).toBe(200);
    stuck = await openUnreadStream(url);
    let stuckClosed = false;
    stuck.once('close', () => (stuckClosed = true));

    for (let start = 0; start < MESSAGES; start += PRODUCE_BATCH) {
      const records = Array.from({ length: PRODUCE_BATCH }, (_, index) =>
        clientMessageRecord({ message: `${TEXT} #${start + index}` }),
      );
      await system.kafka.produce(system.topics.messages, records);
    }

    await waitUntil(() => system.kafka.groupLag(system.groupId, [system.topics.messages]).then((lag) => lag === 0), {
      timeoutMs: 240_000,
      intervalMs: 1000,
      description: 'client-b to consume every message',
    });
    const events = await reader.waitFor('message', MESSAGES, 60_000);
    expect(new Set(events.map((event) => event.id)).size).toBe(MESSAGES);
    // Reading again now: what the server kept for it ends, because it dropped the connection.
    stuck.resume();
    await waitUntil(() => stuckClosed, {
      timeoutMs: 60_000,
      description: 'the server to have dropped the stuck stream',
    });
  });
});

/** A raw SSE request whose answer is never read: the socket is paused from the start. */
function openUnreadStream(baseUrl: string): Promise<Socket> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`GET /messages/stream HTTP/1.1\r\nHost: ${hostname}\r\nAccept: text/event-stream\r\n\r\n`);
      socket.pause();
      resolve(socket);
    });
    socket.once('error', reject);
  });
}
