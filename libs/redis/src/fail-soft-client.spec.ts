import { failSoftClient } from './fail-soft-client';
import { RedisClient } from './redis.connections';

class FakeClient {
  status = 'ready';
  publish(channel: string): Promise<number> {
    return channel === 'down' ? Promise.reject(new Error('Connection is closed.')) : Promise.resolve(1);
  }
  on(): this {
    return this;
  }
}

describe(failSoftClient.name, () => {
  it('should hand a failed command to onFailure and leave no unhandled rejection when the caller ignores it', async () => {
    // Arrange
    const failures: unknown[] = [];
    let successes = 0;
    const client = failSoftClient(
      new FakeClient() as unknown as RedisClient,
      (error) => failures.push(error),
      () => (successes += 1),
    );
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);

    // Act
    void client.publish('down', 'x');
    void client.publish('up', 'x');
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', onUnhandled);

    // Assert
    expect(failures).toEqual([new Error('Connection is closed.')]);
    expect(successes).toBe(1);
    expect(unhandled).toEqual([]);
  });

  it('should pass through what is not a command when read', () => {
    // Arrange
    const fake = new FakeClient();
    const client = failSoftClient(fake as unknown as RedisClient, () => undefined);

    // Act
    const returned = client.on('error', () => undefined);

    // Assert
    expect(client.status).toBe('ready');
    expect(returned).toBe(fake);
  });
});
