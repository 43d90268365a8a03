import { waitUntil } from '@app/kafka/testing';
import { io, Socket } from 'socket.io-client';
import { AdminClient } from './support/admin-client';
import { clientMessageRecord } from './support/client-message.factory';
import { MessagingSystem } from './support/messaging-system';
import { SseReader } from './support/sse-reader';

jest.setTimeout(120_000);

const ADMIN_TOKEN = 'access-e2e-admin-token-0123456789abcdef';
const INBOX_TOKEN = 'access-e2e-inbox-token-0123456789abcdef';

describe('who may do what: the admin token, and the inbox token in production', () => {
  const system = new MessagingSystem();
  let adminUrl: string;
  let productionUrl: string;
  const readers: SseReader[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    await system.open();
    ({ url: adminUrl } = await system.start('client-b', { ADMIN_TOKEN }));
    ({ url: productionUrl } = await system.start('client-b', { NODE_ENV: 'production', INBOX_TOKEN }));
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await Promise.all(readers.map((reader) => reader.close()));
    await system.close();
  });

  async function streamStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
    const reader = new SseReader(url, headers);
    readers.push(reader);
    return reader.open();
  }

  /** Resolves 'connected' or the handshake's refusal. */
  function connectSocket(auth: Record<string, string>): Promise<string> {
    const socket = io(`${productionUrl}/inbox`, { transports: ['websocket'], auth, reconnection: false });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.on('connect', () => resolve('connected'));
      socket.on('connect_error', (error) => resolve(error.message));
    });
  }

  it.each([
    { method: 'GET', path: '/dead-letters' },
    { method: 'POST', path: '/dead-letters/replay', body: { partition: 0, offset: '0' } },
    { method: 'GET', path: '/admin/consumer' },
    { method: 'GET', path: '/admin/failures' },
    { method: 'PUT', path: '/admin/fault-injection', body: { match: null } },
  ])(
    'should answer $method $path 401 without the admin token, 403 with another, 200 with it',
    async ({ method, path, body }) => {
      const ask = (token?: string) => {
        const client = new AdminClient(adminUrl, token);
        return method === 'GET'
          ? client.get(path)
          : method === 'PUT'
            ? client.put(path, body)
            : client.post(path, body);
      };
      const raw = await fetch(`${adminUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body && JSON.stringify(body),
      });

      const [none, wrong, right] = [await ask(), await ask(`${ADMIN_TOKEN}x`), await ask(ADMIN_TOKEN)];

      expect([none.status, wrong.status, right.status]).toEqual([401, 403, 200]);
      expect(raw.headers.get('www-authenticate')).toBe('Bearer realm="client-b admin"');
      expect(none.body).toMatchObject({ statusCode: 401, message: expect.stringContaining('ADMIN_TOKEN') });
    },
  );

  it('should answer 503 saying so when ADMIN_TOKEN is not set', async () => {
    const { status, body } = await new AdminClient(productionUrl, ADMIN_TOKEN).get<{ message: string }>(
      '/dead-letters',
    );

    expect(status).toBe(503);
    expect(body.message).toBe('Admin endpoints are off: set ADMIN_TOKEN on client-b to use them');
  });

  it('should keep the inbox private in production: 401 without INBOX_TOKEN, 403 with another, 200 with it', async () => {
    const record = clientMessageRecord({ message: 'private' });
    await system.kafka.produce(system.topics.messages, [record]);
    await waitUntil(async () => (await system.store.count({ messageId: record.messageId, mailbox: 'inbox' })) === 1);

    const none = await fetch(`${productionUrl}/messages`);
    const wrong = await fetch(`${productionUrl}/messages`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const inQuery = await fetch(`${productionUrl}/messages?access_token=${INBOX_TOKEN}`);
    const right = await fetch(`${productionUrl}/messages`, { headers: { authorization: `Bearer ${INBOX_TOKEN}` } });
    const open = await fetch(`${adminUrl}/messages`);

    expect([none.status, wrong.status, inQuery.status, right.status, open.status]).toEqual([401, 403, 401, 200, 200]);
    const page = (await right.json()) as { messages: { messageId: string }[] };
    expect(page.messages.map(({ messageId }) => messageId)).toContain(record.messageId);
  });

  it('should take the token of the SSE stream only as a header, never from the URL', async () => {
    const statuses = [
      await streamStatus(`${productionUrl}/messages/stream`),
      await streamStatus(`${productionUrl}/messages/stream`, { authorization: 'Bearer wrong-token' }),
      await streamStatus(`${productionUrl}/messages/stream?access_token=${INBOX_TOKEN}`),
      await streamStatus(`${productionUrl}/messages/stream?token=${INBOX_TOKEN}`),
      await streamStatus(`${productionUrl}/messages/stream`, { authorization: `Bearer ${INBOX_TOKEN}` }),
    ];

    expect(statuses).toEqual([401, 403, 401, 401, 200]);
  });

  it('should refuse a Socket.IO handshake without INBOX_TOKEN and let one with it in', async () => {
    const outcomes = [
      await connectSocket({}),
      await connectSocket({ token: 'wrong-token' }),
      await connectSocket({ token: INBOX_TOKEN }),
    ];

    expect(outcomes).toEqual([
      'unauthorized: INBOX_TOKEN is required',
      'forbidden: the token is not INBOX_TOKEN',
      'connected',
    ]);
  });

  it('should serve the pages themselves to anyone: they hold no messages', async () => {
    const [inbox, operator] = await Promise.all([fetch(`${productionUrl}/`), fetch(`${productionUrl}/operator`)]);

    expect([inbox.status, operator.status]).toEqual([200, 200]);
  });
});
