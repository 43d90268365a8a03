import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { MessageStatusRepository } from './message-status.repository';
import { OutboxEntryRepository } from './outbox-entry.repository';
import { MAX_MESSAGES_PER_WRITE } from './write-batching.constants';

/**
 * How often published messages are written down. Well under the relay's
 * minimum age (OUTBOX_RELAY_MIN_AGE_MS, 3 s by default), so the relay does not
 * republish what a request already published.
 */
const BOOKKEEPING_INTERVAL_MS = 250;

/**
 * Bookkeeping once Kafka acknowledged a request's message: records its `sent`
 * step and removes its outbox entry. Neither is needed for delivery, so it is
 * kept off the request's path and done for everything published in the last
 * interval at once: two writes a round, whatever the load. Until then this
 * instance remembers the message as published. An entry that could not be
 * removed is published again by the relay, which client-b deduplicates.
 */
@Injectable()
export class PublishedMessagesRecorder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PublishedMessagesRecorder.name);
  private awaiting = new Map<string, Date>();
  private timer?: NodeJS.Timeout;
  private round: Promise<void> = Promise.resolve();
  private writing = false;

  constructor(
    private readonly statuses: MessageStatusRepository,
    private readonly outbox: OutboxEntryRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.startRound(), BOOKKEEPING_INTERVAL_MS);
  }

  /** Written down before the database connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
    await this.writeDown();
  }

  published(messageId: string): void {
    this.awaiting.set(messageId, new Date());
  }

  /** When this instance published the message, while its `sent` step is not written yet. */
  publishedAt(messageId: string): Date | undefined {
    return this.awaiting.get(messageId);
  }

  /**
   * What being on Kafka means in the database, for requests' and the relay's
   * publishes alike: the `sent` step, then no outbox entry. Rejects when either
   * write fails; the entries then stay, and are published and written down again.
   */
  async recordPublished(published: readonly (readonly [messageId: string, at: Date])[]): Promise<void> {
    await this.statuses.record(published.map(([messageId, at]) => ({ messageId, status: 'sent', at })));
    await this.outbox.remove(published.map(([messageId]) => messageId));
  }

  private startRound(): void {
    // Rounds never overlap or queue up: a slow database makes the next round bigger instead.
    if (this.writing) return;
    this.writing = true;
    this.round = this.writeDown().finally(() => (this.writing = false));
  }

  private async writeDown(): Promise<void> {
    const published = [...this.awaiting];
    for (let start = 0; start < published.length; start += MAX_MESSAGES_PER_WRITE) {
      const chunk = published.slice(start, start + MAX_MESSAGES_PER_WRITE);
      await this.writeChunk(chunk);
      for (const [messageId] of chunk) this.awaiting.delete(messageId);
    }
  }

  private async writeChunk(chunk: [string, Date][]): Promise<void> {
    try {
      await this.recordPublished(chunk);
    } catch (error) {
      // The entries stay in the outbox: the relay publishes them again and records them as sent.
      this.logger.warn(`Could not record ${chunk.length} published message(s): ${(error as Error).message}`);
    }
  }
}
