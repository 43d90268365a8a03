import { redisClientOptions } from './redis-client-options';

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
