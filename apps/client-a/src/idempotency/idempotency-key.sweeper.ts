import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { IdempotencyKeyRepository } from './idempotency-key.repository';

/** Expired keys linger at most this long; reads already ignore them. */
export const IDEMPOTENCY_SWEEP_INTERVAL_MS = 60_000;

/**
 * Deletes expired idempotency keys once a minute. A TTL index would do this on
 * MongoDB, but FerretDB v1 refuses `expireAfterSeconds`, so the app does it
 * on both.
 */
@Injectable()
export class IdempotencyKeySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyKeySweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly keys: IdempotencyKeyRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), IDEMPOTENCY_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    try {
      const removed = await this.keys.deleteExpired(new Date());
      if (removed > 0) this.logger.debug(`Removed ${removed} expired idempotency key(s)`);
    } catch (error) {
      this.logger.warn(`Could not remove expired idempotency keys: ${(error as Error).message}`);
    }
  }
}
