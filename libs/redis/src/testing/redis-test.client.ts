import Redis from 'ioredis';

/** Looks into a real Redis for tests: which keys a service wrote. */
export class RedisTestClient {
  private readonly client: Redis;

  constructor(url: string) {
    this.client = new Redis(url, { connectTimeout: 5000, commandTimeout: 5000, maxRetriesPerRequest: 1 });
  }

  /** Keys matching a glob pattern (SCAN, so a shared Redis is not blocked). */
  async keys(pattern: string): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return found;
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
