import { Injectable, Logger } from '@nestjs/common';
import { OutboxEntryRepository } from './outbox-entry.repository';
import { MAX_MESSAGES_PER_WRITE } from './write.coalescer';

/**
 * Removes the outbox entries of published messages, off the request path: one
 * bulk delete at a time, each taking everything asked for meanwhile, so a slow
 * database makes rounds bigger instead of queueing them. An entry that could
 * not be removed is found by the relay, which sees its `sent` step and removes it.
 */
@Injectable()
export class OutboxEntryRemover {
  private readonly logger = new Logger(OutboxEntryRemover.name);
  private readonly asked = new Set<string>();
  private round?: Promise<void>;

  constructor(private readonly outbox: OutboxEntryRepository) {}

  remove(messageIds: readonly string[]): void {
    messageIds.forEach((messageId) => this.asked.add(messageId));
    this.round ??= this.removeAll().finally(() => (this.round = undefined));
  }

  /** Resolves once everything asked for so far was tried (for shutdown). */
  async settled(): Promise<void> {
    while (this.round) await this.round;
  }

  private async removeAll(): Promise<void> {
    while (this.asked.size > 0) {
      const batch = [...this.asked].slice(0, MAX_MESSAGES_PER_WRITE);
      batch.forEach((messageId) => this.asked.delete(messageId));
      try {
        await this.outbox.remove(batch);
      } catch (error) {
        this.logger.warn(
          `Could not remove ${batch.length} outbox entr(ies) of published messages: ${(error as Error).message}`,
        );
      }
    }
  }
}
