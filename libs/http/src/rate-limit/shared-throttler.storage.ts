import { FailureTally } from '@app/redis';
import { Logger } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The rate limit's counts in a store every client-a instance shares (Redis),
 * so N instances allow a caller the limit once, not N times. When the shared
 * store does not answer (within the Redis command timeout), this instance
 * counts alone until it answers again: a caller may then get up to N times
 * the limit, but no request fails because of the store.
 */
export class SharedThrottlerStorage implements ThrottlerStorage {
  private readonly unshared = new FailureTally(
    new Logger(SharedThrottlerStorage.name),
    'Counting requests in the shared rate-limit store',
    'each instance counts its own requests until it answers',
  );

  constructor(
    private readonly shared: ThrottlerStorage,
    private readonly local: ThrottlerStorage = new ThrottlerStorageService(),
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      this.unshared.succeeded();
      return record;
    } catch (error) {
      this.unshared.failed(error);
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }
}
