import { Logger } from '@nestjs/common';
import { withTimeout } from '../errors/kafka.errors';

/**
 * Commits offsets one at a time (so a later commit never lands before an
 * earlier one) with a bounded wait. A failed commit is logged, not thrown:
 * the records are simply read again, and their effects are idempotent.
 */
export class OffsetCommitter {
  private readonly logger = new Logger(OffsetCommitter.name);
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly commitOffset: (topic: string, partition: number, offset: string) => Promise<void>,
    private readonly timeoutMs: number,
  ) {}

  /** Resolves true once the broker stored `offset` as the group's position. */
  commit(topic: string, partition: number, offset: string): Promise<boolean> {
    const attempt = this.queue.then(() => this.commitNow(topic, partition, offset));
    this.queue = attempt;
    return attempt;
  }

  private async commitNow(topic: string, partition: number, offset: string): Promise<boolean> {
    try {
      await withTimeout(
        this.commitOffset(topic, partition, offset),
        this.timeoutMs,
        `committing ${topic}[${partition}]@${offset}`,
      );
      return true;
    } catch (error) {
      this.logger.warn({
        msg: `Commit of ${topic}[${partition}]@${offset} failed: ${(error as Error).message}`,
        topic,
        partition,
        offset,
      });
      return false;
    }
  }
}
