import { RedisTestClient } from '@app/redis/testing';
import { MessagingSystem } from './support/messaging-system';
import { testEnvironment } from './support/test-environment';

jest.setTimeout(60_000);

const LIMIT = 3;
const BODY = JSON.stringify({ from: 'clientA', to: 'clientB', message: 'rate limited' });

function post(url: string, forwardedFor?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (forwardedFor !== undefined) headers['x-forwarded-for'] = forwardedFor;
  return fetch(`${url}/send-message`, { method: 'POST', headers, body: BODY });
}

async function statusesOf(url: string, count: number, forwardedFor?: string): Promise<number[]> {
  const statuses = [];
  for (let request = 0; request < count; request += 1) statuses.push((await post(url, forwardedFor)).status);
  return statuses;
}

describe('client-a limits the requests of one client', () => {
  const system = new MessagingSystem({ RATE_LIMIT_PER_MINUTE: String(LIMIT), RATE_LIMIT_WINDOW_MS: '60000' });
  let url: string;

  beforeAll(async () => {
    await system.open();
    ({ url } = await system.start('client-a'));
  });

  afterAll(() => system.close());

  it('should answer 429 with Retry-After in the standard error shape once the limit is passed', async () => {
    const allowed = [];
    for (let request = 0; request < LIMIT; request += 1) allowed.push((await post(url)).status);

    const refused = await post(url);

    expect(allowed).toEqual([201, 201, 201]);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(/^Too many requests: at most 3 per 60000 ms from one client; retry after \d+ s$/),
      correlationId: expect.any(String),
    });
  });

  it('should store nothing for a refused request', async () => {
    expect(await system.store.count({ mailbox: 'outbox' })).toBe(LIMIT);
  });

  it('should keep answering the health check when the client is limited', async () => {
    const health = await fetch(`${url}/health`);

    expect(health.status).toBe(200);
  });

  it('should ignore X-Forwarded-For when no proxy is trusted, so a caller cannot pick a fresh address', async () => {
    expect(await statusesOf(url, 1, '203.0.113.50')).toEqual([429]);
  });
});

describe('client-a behind a trusted proxy limits each forwarded client separately', () => {
  const system = new MessagingSystem({
    RATE_LIMIT_PER_MINUTE: String(LIMIT),
    RATE_LIMIT_WINDOW_MS: '60000',
    TRUST_PROXY_HOPS: '1',
  });
  let url: string;

  beforeAll(async () => {
    await system.open();
    ({ url } = await system.start('client-a'));
  });

  afterAll(() => system.close());

  it('should give each address the proxy forwarded its own limit', async () => {
    const first = await statusesOf(url, LIMIT + 1, '203.0.113.1');
    const second = await statusesOf(url, LIMIT + 1, '203.0.113.2');

    expect(first).toEqual([201, 201, 201, 429]);
    expect(second).toEqual([201, 201, 201, 429]);
  });

  it('should take the address the proxy appended, not one the caller wrote before it', async () => {
    const spoofed = await statusesOf(url, 1, '198.51.100.1, 203.0.113.1');

    expect(spoofed).toEqual([429]);
  });
});

describe('client-a instances sharing a Redis share one limit', () => {
  const { redisUrl } = testEnvironment();
  const system = new MessagingSystem({
    RATE_LIMIT_PER_MINUTE: String(LIMIT),
    RATE_LIMIT_WINDOW_MS: '60000',
    REDIS_URL: redisUrl,
  });
  const urls: string[] = [];
  const redis = new RedisTestClient(redisUrl);

  beforeAll(async () => {
    await system.open();
    for (let i = 0; i < 2; i += 1) urls.push((await system.start('client-a')).url);
  });

  afterAll(async () => {
    await redis.close();
    await system.close();
  });

  it('should allow one client the limit once across both instances, whichever it reaches', async () => {
    const requests = 4 * LIMIT;
    const statuses = [];
    for (let request = 0; request < requests; request += 1) statuses.push((await post(urls[request % 2])).status);

    console.log(
      `rate limit across 2 instances: ${statuses.filter((s) => s === 201).length} of ${requests} accepted, limit ${LIMIT}`,
    );
    expect(statuses.slice(0, LIMIT)).toEqual([201, 201, 201]);
    expect(statuses.filter((status) => status === 429).length).toBe(requests - LIMIT);
    expect(await system.store.count({ mailbox: 'outbox' })).toBe(LIMIT);
  });

  it("should keep its counts in Redis under the deployment's topic namespace", async () => {
    const keys = await redis.keys(`${system.namespace}client-a:rate-limit:*`);

    expect(keys.length).toBeGreaterThan(0);
  });
});

describe('client-a instances without Redis each count alone', () => {
  const system = new MessagingSystem({ RATE_LIMIT_PER_MINUTE: String(LIMIT), RATE_LIMIT_WINDOW_MS: '60000' });
  const urls: string[] = [];

  beforeAll(async () => {
    await system.open();
    for (let i = 0; i < 2; i += 1) urls.push((await system.start('client-a')).url);
  });

  afterAll(() => system.close());

  it('should allow one client the limit on each instance (what REDIS_URL is for)', async () => {
    const requests = 4 * LIMIT;
    const statuses = [];
    for (let request = 0; request < requests; request += 1) statuses.push((await post(urls[request % 2])).status);

    expect(statuses.filter((status) => status === 201).length).toBe(2 * LIMIT);
  });
});
