import { redisAddress, redisClientOptions, reconnectDelay } from './redis.connections';

describe(redisAddress.name, () => {
  it.each([
    { url: 'redis://127.0.0.1:6380', address: 'redis://127.0.0.1:6380' },
    { url: 'rediss://default:s3cr3t@cache.example.com:6380/2', address: 'rediss://cache.example.com:6380' },
    { url: 'redis://:s3cr3t@cache', address: 'redis://cache:6379' },
    { url: 'redis://:s3cr3t@cache:99999', address: 'Redis (unparseable URL)' },
  ])('should show $address for $url', ({ url, address }) => {
    // Act
    const shown = redisAddress(url);

    // Assert
    expect(shown).toBe(address);
    expect(shown).not.toContain('s3cr3t');
  });
});

describe(redisClientOptions.name, () => {
  it('should bound the connect, every command and every reconnect wait when the connection sends commands', () => {
    // Act
    const options = redisClientOptions(1500, 'commands');

    // Assert
    expect(options).toMatchObject({
      connectTimeout: 1500,
      commandTimeout: 1500,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    expect([1, 2, 10, 10_000].map((attempt) => (options.retryStrategy as (n: number) => number)(attempt))).toEqual([
      100, 200, 2000, 2000,
    ]);
  });

  it('should never send a command twice after a lost connection when the connection sends commands', () => {
    // Act
    const options = redisClientOptions(1500, 'commands');

    // Assert
    expect(options.autoResendUnfulfilledCommands).toBe(false);
  });

  it('should keep its subscriptions across reconnects when the connection subscribes', () => {
    // Act
    const options = redisClientOptions(1500, 'subscriber');

    // Assert
    expect(options).toMatchObject({
      commandTimeout: 1500,
      enableOfflineQueue: true,
      autoResubscribe: true,
      maxRetriesPerRequest: null,
    });
  });

  it('should prefix keys when given a prefix', () => {
    // Act
    const options = redisClientOptions(1500, 'commands', 'e2e-1.client-a:rate-limit:');

    // Assert
    expect(options.keyPrefix).toBe('e2e-1.client-a:rate-limit:');
  });
});

describe(reconnectDelay.name, () => {
  it.each([
    { attempt: 1, delay: 100 },
    { attempt: 2, delay: 200 },
    { attempt: 3, delay: 400 },
    { attempt: 5, delay: 1600 },
    { attempt: 6, delay: 2000 },
    { attempt: 1000, delay: 2000 },
    { attempt: 0, delay: 100 },
  ])('should wait $delay ms before attempt $attempt', ({ attempt, delay }) => {
    // Act
    const waited = reconnectDelay(attempt);

    // Assert
    expect(waited).toBe(delay);
  });
});
