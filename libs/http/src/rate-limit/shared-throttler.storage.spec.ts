import { ThrottlerStorage } from '@nestjs/throttler';
import { SharedThrottlerStorage } from './shared-throttler.storage';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** A shared store that answers, or fails as Redis does while it is away. */
class FakeSharedStore implements ThrottlerStorage {
  answering = true;
  hits = 0;
  async increment(): Promise<ThrottlerStorageRecord> {
    if (!this.answering) throw new Error("Stream isn't writeable and enableOfflineQueue options is false");
    this.hits += 1;
    return { totalHits: this.hits, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 };
  }
}

describe(SharedThrottlerStorage.name, () => {
  it('should count in the shared store when it answers', async () => {
    // Arrange
    const shared = new FakeSharedStore();
    const storage = new SharedThrottlerStorage(shared);

    // Act
    await storage.increment('caller', 60_000, 3, 60_000, 'default');
    const record = await storage.increment('caller', 60_000, 3, 60_000, 'default');

    // Assert
    expect(record.totalHits).toBe(2);
    expect(shared.hits).toBe(2);
  });

  it('should count this instance alone, never failing the request, when the shared store does not answer', async () => {
    // Arrange
    const shared = new FakeSharedStore();
    shared.answering = false;
    const storage = new SharedThrottlerStorage(shared);

    // Act
    const records = [];
    for (let request = 0; request < 4; request += 1)
      records.push(await storage.increment('caller', 60_000, 3, 60_000, 'default'));

    // Assert
    expect(records.map(({ isBlocked }) => isBlocked)).toEqual([false, false, false, true]);
    expect(shared.hits).toBe(0);
  });

  it('should go back to the shared store once it answers again', async () => {
    // Arrange
    const shared = new FakeSharedStore();
    const storage = new SharedThrottlerStorage(shared);
    shared.answering = false;
    await storage.increment('caller', 60_000, 3, 60_000, 'default');
    shared.answering = true;

    // Act
    const record = await storage.increment('caller', 60_000, 3, 60_000, 'default');

    // Assert
    expect(record.totalHits).toBe(1);
    expect(shared.hits).toBe(1);
  });
});
