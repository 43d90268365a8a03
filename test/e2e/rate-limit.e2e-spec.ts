import { MessagingSystem } from './support/messaging-system';

jest.setTimeout(60_000);

const LIMIT = 3;
const BODY = JSON.stringify({ from: 'clientA', to: 'clientB', message: 'rate limited' });

function post(url: string): Promise<Response> {
  return fetch(`${url}/send-message`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY });
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
});
