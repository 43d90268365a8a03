import { waitUntil } from '@app/kafka/testing';
import { connect, Socket } from 'node:net';
import { Browser } from 'playwright-core';
import { io } from 'socket.io-client';
import { launchChromium } from './support/browser';
import { MessagingSystem, sendMessage } from './support/messaging-system';
import { PrometheusScrape } from './support/prometheus-scrape';
import { SseReader } from './support/sse-reader';

jest.setTimeout(120_000);

const METRICS_TOKEN = 'http-hardening-e2e-metrics-token-0123456789';
const HEADERS_TIMEOUT_MS = 1000;
const REQUEST_TIMEOUT_MS = 2000;
const IDLE_TIMEOUT_MS = 1000;
const APPS = ['client-a', 'client-b'] as const;
type App = (typeof APPS)[number];

/** What the server sent on a raw connection, and whether it closed the connection itself. */
interface RawExchange {
  readonly answer: string;
  readonly closedByServer: boolean;
}

/**
 * Opens a connection and sends `head` at once, then `trickle` one byte every
 * 100 ms, never finishing the request; resolves when the server closes the
 * connection (the test's timeout fails it if the server never does).
 */
function trickle(baseUrl: string, head: string, trickled: string): Promise<RawExchange> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname);
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => socket.writable && socket.write(trickled[sent++ % trickled.length]), 100);
    });
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    // Only the server ends this connection: the test never calls end() or destroy().
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, closedByServer: true });
    });
    socket.on('timeout', () => reject(new Error('unexpected socket timeout')));
  });
}

function statusLine(answer: string): string {
  return answer.split('\r\n')[0];
}

// Run in the page before its own scripts: every refusal by the policy, as `<directive> <what was blocked>`.
const RECORD_VIOLATIONS = `
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));
`;

function directives(policy: string | null): Map<string, string[]> {
  return new Map(
    (policy ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );
}

describe('HTTP at the edge: security headers, timeouts, shared readiness, the metrics token', () => {
  const system = new MessagingSystem({
    HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
    HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    HTTP_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS),
    // Quiet streams: nothing keeps an SSE connection busy but its messages.
    SSE_HEARTBEAT_MS: '600000',
  });
  const urls = {} as Record<App, string>;
  let browser: Browser;

  beforeAll(async () => {
    await system.open();
    urls['client-b'] = (await system.start('client-b', { METRICS_TOKEN })).url;
    urls['client-a'] = (await system.start('client-a', { CORS_ORIGINS: urls['client-b'] })).url;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await system.close();
  });

  describe('security headers', () => {
    it.each(
      APPS.flatMap((app) => ['/health/live', '/docs-json', '/no-such-route'].map((path) => [app, path] as const)),
    )('should send the CSP, frame-ancestors none, nosniff and no-referrer on %s %s', async (app, path) => {
      const response = await fetch(`${urls[app]}${path}`);

      const csp = directives(response.headers.get('content-security-policy'));
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('style-src')).not.toContain("'unsafe-inline'");
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    });

    it.each(APPS)('should allow inline styles on the Swagger UI of %s only, never inline scripts', async (app) => {
      const docs = await fetch(`${urls[app]}/docs`);

      const csp = directives(docs.headers.get('content-security-policy'));
      expect(docs.status).toBe(200);
      expect(csp.get('style-src')).toContain("'unsafe-inline'");
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    });

    // Each page in Chromium: what the policy blocked (a securitypolicyviolation event per refusal).
    async function violationsOn(url: string, rendered: string): Promise<string[]> {
      const page = await browser.newPage();
      try {
        await page.addInitScript({ content: RECORD_VIOLATIONS });
        await page.goto(url, { waitUntil: 'networkidle' });
        await page.locator(rendered).first().waitFor({ timeout: 30_000 });
        return await page.evaluate<string[]>('window.cspViolations');
      } finally {
        await page.close();
      }
    }

    it('should let the inbox page load its script, its style and go live over Socket.IO with nothing blocked', async () => {
      expect(
        await violationsOn(
          `${urls['client-b']}/?sender=${encodeURIComponent(urls['client-a'])}`,
          '#connection[data-state="live"]',
        ),
      ).toEqual([]);
    });

    it('should let the operator page run with nothing blocked', async () => {
      expect(await violationsOn(`${urls['client-b']}/operator`, '#admin-state[data-state]')).toEqual([]);
    });

    it.each(APPS)('should let the Swagger UI of %s render its operations with nothing blocked', async (app) => {
      expect(await violationsOn(`${urls[app]}/docs`, '.opblock')).toEqual([]);
    });
  });

  describe('timeouts', () => {
    it.each(APPS)(
      'should answer 408 and close a connection whose headers %s receives byte by byte, never finished',
      async (app) => {
        const exchange = await trickle(
          urls[app],
          'GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: ',
          'abcdefgh',
        );

        expect(exchange.closedByServer).toBe(true);
        expect(statusLine(exchange.answer)).toBe('HTTP/1.1 408 Request Timeout');
      },
    );

    it.each(APPS)(
      'should answer 408 and close a connection whose body %s receives byte by byte, never finished',
      async (app) => {
        const head =
          'POST /send-message HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n';
        const exchange = await trickle(urls[app], head, ' ');

        expect(exchange.closedByServer).toBe(true);
        expect(statusLine(exchange.answer)).toBe('HTTP/1.1 408 Request Timeout');
      },
    );

    it('should keep a quiet SSE stream and a Socket.IO connection open past the idle timeout, and deliver on them', async () => {
      const stream = new SseReader(`${urls['client-b']}/messages/stream`);
      expect(await stream.open()).toBe(200);
      const socket = io(`${urls['client-b']}/inbox`, { transports: ['websocket'], reconnection: false });
      const pushed: unknown[] = [];
      socket.on('message', (message: unknown) => pushed.push(message));
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
      try {
        // Nothing moves on either connection for three idle timeouts.
        await new Promise((resolve) => setTimeout(resolve, 3 * IDLE_TIMEOUT_MS));

        const sent = await sendMessage(urls['client-a'], {
          from: 'clientA',
          to: 'clientB',
          message: 'after a quiet while',
        });

        expect(sent.status).toBe(201);
        const [event] = await stream.waitFor('message', 1);
        expect(JSON.parse(event.data)).toMatchObject({ messageId: sent.body.messageId });
        await waitUntil(() => pushed.length === 1, {
          timeoutMs: 30_000,
          description: 'the message pushed over Socket.IO',
        });
        expect(stream.ended).toBe(false);
        expect(socket.connected).toBe(true);
      } finally {
        socket.close();
        await stream.close();
      }
    });
  });

  describe('readiness shared by concurrent probes', () => {
    const headers: Record<App, Record<string, string>> = {
      'client-a': {},
      'client-b': { authorization: `Bearer ${METRICS_TOKEN}` },
    };
    const checksRun = (app: App) => PrometheusScrape.of(urls[app], headers[app]);

    it.each(APPS)(
      'should run each check of %s at most once per second however many probes come at once',
      async (app) => {
        const before = await checksRun(app);
        const startedAt = Date.now();

        const statuses = await Promise.all(
          Array.from({ length: 200 }, async () => (await fetch(`${urls[app]}/health/ready`)).status),
        );

        const seconds = Math.ceil((Date.now() - startedAt) / 1000);
        const after = await checksRun(app);
        expect(statuses).toEqual(Array(200).fill(200));
        for (const check of ['mongodb', 'kafka']) {
          const runs = after.delta(before, 'client_messaging_readiness_checks_total', { check });
          expect(runs).toBeGreaterThanOrEqual(1);
          // A result answers for a second after it settles: at most one run started per second, plus the first.
          expect(runs).toBeLessThanOrEqual(seconds + 1);
        }
      },
    );
  });

  describe('GET /metrics with METRICS_TOKEN', () => {
    it.each<{ case: string; headers: Record<string, string> }>([
      { case: 'no Authorization header', headers: {} },
      { case: 'another token', headers: { authorization: `Bearer ${METRICS_TOKEN}x` } },
      { case: 'the token in another scheme', headers: { authorization: `Basic ${METRICS_TOKEN}` } },
    ])('should answer 401 to $case', async ({ headers }) => {
      const response = await fetch(`${urls['client-b']}/metrics`, { headers });

      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await response.json()).toMatchObject({
        statusCode: 401,
        message: expect.stringContaining('METRICS_TOKEN'),
      });
    });

    it('should serve the metrics to the bearer of the token', async () => {
      const response = await fetch(`${urls['client-b']}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });

      expect(response.status).toBe(200);
      expect(await response.text()).toContain('client_messaging_');
    });

    it('should keep the metrics public on a service without the token', async () => {
      const response = await fetch(`${urls['client-a']}/metrics`);

      expect(response.status).toBe(200);
    });
  });
});

describe('client-b limits the requests of one client', () => {
  const LIMIT = 3;
  const system = new MessagingSystem({ RATE_LIMIT_PER_MINUTE: String(LIMIT), RATE_LIMIT_WINDOW_MS: '60000' });
  let url: string;

  beforeAll(async () => {
    await system.open();
    ({ url } = await system.start('client-b'));
  });

  afterAll(() => system.close());

  async function statuses(path: string, count: number, init: RequestInit = {}): Promise<number[]> {
    const answers = [];
    for (let request = 0; request < count; request += 1) {
      const response = await fetch(`${url}${path}`, init);
      answers.push(response.status);
      await response.body?.cancel();
    }
    return answers;
  }

  it('should answer 429 with Retry-After in the standard error shape once the limit is passed', async () => {
    const allowed = await statuses('/messages', LIMIT);

    const refused = await fetch(`${url}/messages`);

    expect(allowed).toEqual([200, 200, 200]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(/^Too many requests: at most 3 per 60000 ms from one client; retry after \d+ s$/),
      correlationId: expect.any(String),
    });
  });

  it('should count SSE connection attempts', async () => {
    expect(await statuses('/messages/stream', LIMIT + 1, { headers: { accept: 'text/event-stream' } })).toEqual([
      200, 200, 200, 429,
    ]);
  });

  it('should count Socket.IO handshakes, polling and WebSocket alike, and refuse them with 429', async () => {
    const polling = await statuses('/socket.io/?EIO=4&transport=polling', LIMIT + 1);
    const refused = await new Promise<Error>((resolve, reject) => {
      const socket = io(`${url}/inbox`, { transports: ['websocket'], reconnection: false });
      socket.once('connect', () => reject(new Error('connected past the limit')));
      socket.once('connect_error', (error) => {
        socket.close();
        resolve(error);
      });
    });

    expect(polling).toEqual([200, 200, 200, 429]);
    // socket.io-client passes on what the WebSocket library saw: the status of the refused upgrade.
    expect((refused as Error & { description?: { message?: string } }).description?.message).toBe(
      'Unexpected server response: 429',
    );
  });

  it('should never limit the health probes', async () => {
    expect(new Set(await statuses('/health/ready', 20))).toEqual(new Set([200]));
    expect(new Set(await statuses('/health/live', 20))).toEqual(new Set([200]));
  });
});
