import { waitUntil } from '@app/kafka/testing';
import { LOG_LINE_MAX_BYTES } from '@app/logging';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { MessagingSystem, sendMessage } from './support/messaging-system';
import { AppName, ServiceProcess } from './support/service.process';

jest.setTimeout(120_000);

const suffix = randomBytes(6).toString('hex');
/** Secrets the services hold: none may appear in a line, whatever a caller sends. */
const SECRETS = {
  INBOX_TOKEN: `inbox-token-${randomBytes(16).toString('hex')}`,
  ADMIN_TOKEN: `admin-token-${randomBytes(16).toString('hex')}`,
  // Held without a mechanism: the local broker has no SASL.
  KAFKA_SASL_PASSWORD: `sasl-pw-${suffix}`,
};
/** Node's default limit on the bytes of a request's head (--max-http-header-size). */
const NODE_HEADER_LIMIT = 16 * 1024;
const LONG_HEADER_CHARS = 15_000;
const HOSTILE_REQUESTS = 20;
const APPS: AppName[] = ['client-a', 'client-b'];

const letters = (length: number) => 'abcdefghijklmnopqrstuvwxyz'.repeat(Math.ceil(length / 26)).slice(0, length);

/** A raw HTTP/1.1 GET whose head (request line and headers) is exactly `headBytes` long. */
function getWithHeadOf(path: string, headBytes: number): string {
  const start = `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nReferer: http://x/\r\nConnection: close\r\nUser-Agent: `;
  return `${start}${letters(headBytes - start.length - 4)}\r\n\r\n`;
}

/** Sends `request` as it is and resolves with the status code of the answer. */
function rawStatus(port: number, request: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    const settle = () =>
      answer ? resolve(Number(/^HTTP\/1\.1 (\d{3}) /.exec(answer)?.[1])) : reject(new Error('no answer'));
    socket.on('close', settle);
    socket.on('error', settle);
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
  });
}

// pino-http's line for a request: "request aborted" when the caller left first (an SSE stream).
const requestLines = (service: ServiceProcess) =>
  service.entries().filter((entry) => entry.msg === 'request completed' || entry.msg === 'request aborted');
const userAgentOf = (entry: Record<string, unknown>) =>
  (entry.req as { headers: Record<string, string> }).headers['user-agent'];

describe('hostile HTTP input stalls no service and fills no log line, and no token reaches the logs', () => {
  const system = new MessagingSystem({ ...SECRETS, LOG_LEVEL: 'debug' });
  const services = {} as Record<AppName, { service: ServiceProcess; url: string; port: number }>;
  const inboxHeaders = { authorization: `Bearer ${SECRETS.INBOX_TOKEN}` };

  beforeAll(async () => {
    await system.open();
    for (const app of APPS) {
      const { service, url } = await system.start(app);
      services[app] = { service, url, port: Number(new URL(url).port) };
    }
  });

  afterAll(() => system.close());

  it.each(APPS)(
    "should answer %s requests with 16 KB headers, near Node's limit and over it, and log each one cut",
    async (app) => {
      const { service, url, port } = services[app];
      const before = requestLines(service).length;
      const headers = {
        'user-agent': letters(LONG_HEADER_CHARS),
        referer: 'http://x/',
        'x-note': `see ${SECRETS.ADMIN_TOKEN}`,
      };

      const statuses = await Promise.all(
        Array.from({ length: HOSTILE_REQUESTS }, (_, index) =>
          fetch(`${url}/${index % 2 === 0 ? 'no-such-path' : 'send-message'}/${index}`, { headers }).then(
            (response) => response.status,
          ),
        ),
      );
      const nearLimit = await rawStatus(port, getWithHeadOf('/near-the-limit', NODE_HEADER_LIMIT - 256));
      const overLimit = await rawStatus(port, getWithHeadOf('/over-the-limit', NODE_HEADER_LIMIT + 1024));

      expect(statuses).toEqual(Array.from({ length: HOSTILE_REQUESTS }, () => 404));
      expect([nearLimit, overLimit]).toEqual([404, 431]);
      await waitUntil(() => requestLines(service).length >= before + HOSTILE_REQUESTS + 1, {
        description: `${app} to log the requests`,
      });
      const logged = requestLines(service).slice(before).map(userAgentOf);
      expect(logged.filter((userAgent) => userAgent.endsWith(`…[cut, ${LONG_HEADER_CHARS} chars]`))).toHaveLength(
        HOSTILE_REQUESTS,
      );
    },
  );

  it('should keep tokens sent in query strings and in the Referer out of the request lines of client-b', async () => {
    const { service, url } = services['client-b'];
    const before = requestLines(service).length;
    const page = `${url}/?token=${SECRETS.INBOX_TOKEN}`;

    const answers = await Promise.all([
      fetch(page),
      fetch(`${url}/inbox.css`, { headers: { referer: page } }),
      fetch(`${url}/inbox.js`, { headers: { referer: page } }),
      fetch(`${url}/messages?access_token=${SECRETS.INBOX_TOKEN}&limit=1`),
      fetch(`${url}/no-such-page?${SECRETS.ADMIN_TOKEN}`),
    ]);
    const stream = new AbortController();
    const streamed = await fetch(`${url}/messages/stream?access_token=${SECRETS.INBOX_TOKEN}`, {
      signal: stream.signal,
    });
    stream.abort();

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, expect.any(Number), 404]);
    // A token in a URL is refused (it would sit in every proxy's log), yet the request is logged: redacted.
    expect(streamed.status).toBe(401);
    await waitUntil(() => requestLines(service).length >= before + 6, { description: 'client-b to log the requests' });
    const urls = requestLines(service)
      .slice(before)
      .map((entry) => (entry.req as { url: string }).url);
    expect(urls).toEqual(
      expect.arrayContaining([
        '/?token=[Redacted]',
        '/messages/stream?access_token=[Redacted]',
        '/no-such-page?[Redacted]',
      ]),
    );
  });

  it('should keep tokens in the query string out of the request lines of client-a too, which does not know them', async () => {
    const { service, url } = services['client-a'];
    const before = requestLines(service).length;

    const status = await fetch(`${url}/?token=${SECRETS.INBOX_TOKEN}`, {
      headers: { referer: `http://x/?token=${SECRETS.INBOX_TOKEN}` },
    }).then((response) => response.status);

    expect(status).toBe(404);
    await waitUntil(() => requestLines(service).length > before, { description: 'client-a to log the request' });
    expect(requestLines(service).at(-1)?.req).toMatchObject({
      url: '/?token=[Redacted]',
      headers: { referer: 'http://x/?token=[Redacted]' },
    });
  });

  it('should still send and deliver a message right after the hostile requests', async () => {
    const sent = await sendMessage(services['client-a'].url, {
      from: 'clientA',
      to: 'clientB',
      message: `after the storm ${suffix}`,
    });

    expect(sent.status).toBe(201);
    const inbox = async () => {
      const response = await fetch(`${services['client-b'].url}/messages?limit=50`, { headers: inboxHeaders });
      const page = (await response.json()) as { messages: { messageId: string }[] };
      return page.messages.some((item) => item.messageId === sent.body.messageId);
    };
    await waitUntil(inbox, { timeoutMs: 30_000, description: "the message in client-b's inbox" });
  });

  it.each(APPS)('should have written no line of %s longer than the line budget', (app) => {
    const { service } = services[app];

    const tooLong = service.lines().filter((line) => Buffer.byteLength(line) > LOG_LINE_MAX_BYTES);

    expect(tooLong.map((line) => line.slice(0, 200))).toEqual([]);
    expect(service.lines().length).toBeGreaterThan(HOSTILE_REQUESTS);
  });

  it.each(APPS)('should have logged no secret in any line of %s', (app) => {
    const { service } = services[app];

    const leaked = Object.entries(SECRETS).filter(([, secret]) => service.logs.includes(secret));

    expect(leaked.map(([name]) => name)).toEqual([]);
  });
});
