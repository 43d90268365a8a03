import { ClientMessagePayload } from '@app/contracts';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ClientAEnvironment } from '../config/client-a.environment';
import { ClientMessagePublisher } from './client-message.publisher';
import { OutboxEntryRepository } from './outbox-entry.repository';
import { OutboxBacklog } from './outbox.backlog';
import { PublishedMessagesRecorder } from './published-messages.recorder';

/**
 * Publishes the outbox: messages whose request could not reach Kafka, or
 * whose process stopped before it could. Oldest first, one bounded batch per
 * round, so one recipient's messages keep their order. Rounds never overlap;
 * a full batch starts the next round at once.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private round: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly outbox: OutboxEntryRepository,
    private readonly recorder: PublishedMessagesRecorder,
    private readonly publisher: ClientMessagePublisher,
    private readonly backlog: OutboxBacklog,
    private readonly env: ClientAEnvironment,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  /** One round; resolves true when it filled a whole batch, so more may be waiting. */
  async relayOnce(): Promise<boolean> {
    const inBacklog = this.backlog.exists;
    // Handed over before this read, so the read includes them: only later ones are kept.
    this.backlog.takeHandedOver();
    // While a backlog exists requests do not publish, so no entry is in flight: take them all.
    const minAgeMs = inBacklog ? 0 : this.env.OUTBOX_RELAY_MIN_AGE_MS;
    const pending = await this.findPending(new Date(Date.now() - minAgeMs));
    if (pending === undefined) return false;
    if (pending.length === 0 && !inBacklog) return false;
    this.backlog.mark();
    if (!(await this.publishAndRecord(pending))) return false;
    if (pending.length === this.env.OUTBOX_RELAY_BATCH_SIZE) return true;
    await this.catchUp(new Set(pending.map(({ messageId }) => messageId)));
    return false;
  }

  /**
   * The outbox as read is published; requests went on handing messages over
   * meanwhile. Publish those, oldest first, until a take finds none: then,
   * in the same synchronous step, requests publish directly again.
   */
  private async catchUp(published: Set<string>): Promise<void> {
    for (;;) {
      const handedOver = this.backlog.takeHandedOver().filter(({ messageId }) => !published.has(messageId));
      if (handedOver.length === 0 && this.backlog.clearIfNothingHandedOver()) {
        this.logger.log('Outbox drained: requests publish directly again');
        return;
      }
      // Not published: they stay in the outbox, and the next round reads them from there.
      if (!(await this.publishAndRecord(handedOver))) return;
    }
  }

  private async publishAndRecord(pending: ClientMessagePayload[]): Promise<boolean> {
    if (pending.length === 0) return true;
    if (!(await this.publish(pending))) return false;
    const at = new Date();
    this.logger.log(`Outbox relay published ${pending.length} pending message(s)`);
    // If this fails the round fails: the entries stay, and are published again (client-b deduplicates).
    await this.recorder.recordPublished(pending.map(({ messageId }) => [messageId, at] as const));
    return true;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.relayOnce()
        .catch((error: Error) => {
          this.logger.warn(`Outbox relay round failed, trying again in ${this.env.OUTBOX_RELAY_INTERVAL_MS} ms: ${error.message}`);
          return false;
        })
        .then((more) => this.schedule(more ? 0 : this.env.OUTBOX_RELAY_INTERVAL_MS));
    }, delayMs);
  }

  private async findPending(acceptedBefore: Date): Promise<ClientMessagePayload[] | undefined> {
    try {
      return await this.outbox.oldest(acceptedBefore, this.env.OUTBOX_RELAY_BATCH_SIZE);
    } catch (error) {
      this.logger.warn(`Outbox relay could not read the outbox: ${(error as Error).message}`);
      return undefined;
    }
  }

  private async publish(pending: ClientMessagePayload[]): Promise<boolean> {
    try {
      await this.publisher.publish(pending, this.env.KAFKA_REQUEST_TIMEOUT_MS);
      return true;
    } catch (error) {
      this.logger.warn(
        `Outbox relay could not publish ${pending.length} pending message(s), trying again in ` +
          `${this.env.OUTBOX_RELAY_INTERVAL_MS} ms: ${(error as Error).message}`,
      );
      return false;
    }
  }
}
