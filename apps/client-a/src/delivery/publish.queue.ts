import { ClientMessagePayload } from '@app/contracts';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ClientAEnvironment } from '../config/client-a.environment';
import { ClientMessagePublisher } from './client-message.publisher';
import { MessageStatusRepository } from './message-status.repository';
import { OutboxEntryRemover } from './outbox-entry.remover';
import { MAX_MESSAGES_PER_WRITE } from './write-batching.constants';

interface Queued {
  readonly payload: ClientMessagePayload;
  readonly published: () => void;
}

const RETRY_DELAY_MS = { first: 500, max: 5000 };

/**
 * The one road to Kafka for accepted messages, fed by requests and by the
 * outbox relay: first in, first published, so one recipient's messages keep
 * their order even across a broker outage (the head is tried again until it
 * goes through). A message counts as published once Kafka acknowledged it and
 * its `sent` step is written; its outbox entry is removed after that.
 */
@Injectable()
export class PublishQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(PublishQueue.name);
  private readonly queued: Queued[] = [];
  /** Each queued message's promise, so a second hand-over waits for the same publish. */
  private readonly queuedIds = new Map<string, Promise<void>>();
  private draining?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly publisher: ClientMessagePublisher,
    private readonly statuses: MessageStatusRepository,
    private readonly entries: OutboxEntryRemover,
    private readonly env: ClientAEnvironment,
  ) {}

  /** True when no more may wait: new requests are refused before anything is stored. */
  get isFull(): boolean {
    return this.queued.length >= this.env.PUBLISH_QUEUE_CAPACITY;
  }

  holds(messageId: string): boolean {
    return this.queuedIds.has(messageId);
  }

  /** Resolves once the message is published; a message already queued is not queued twice. */
  publish(payload: ClientMessagePayload): Promise<void> {
    const queued = this.queuedIds.get(payload.messageId);
    if (queued) return queued;
    const published = new Promise<void>((resolve) => this.queued.push({ payload, published: resolve }));
    this.queuedIds.set(payload.messageId, published);
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
    return published;
  }

  /** Stops publishing; what is still queued stays in the outbox for the next start's relay. */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.draining;
    await this.entries.settled();
  }

  private async drain(): Promise<void> {
    let failures = 0;
    while (this.queued.length > 0 && !this.stopped) {
      const batch = this.queued.slice(0, MAX_MESSAGES_PER_WRITE);
      const outcome = await this.publishBatch(batch.map(({ payload }) => payload));
      if (outcome !== 'not-published') {
        failures = 0;
        this.queued.splice(0, batch.length);
        batch.forEach(({ payload, published }) => (this.queuedIds.delete(payload.messageId), published()));
        // Without its `sent` step the entry must stay: it is how the relay knows to publish again.
        if (outcome === 'recorded') this.entries.remove(batch.map(({ payload }) => payload.messageId));
        continue;
      }
      failures += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_DELAY_MS.max, RETRY_DELAY_MS.first * 2 ** (failures - 1))));
    }
  }

  private async publishBatch(payloads: ClientMessagePayload[]): Promise<'not-published' | 'published' | 'recorded'> {
    try {
      await this.publisher.publish(payloads, this.env.KAFKA_REQUEST_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn(`Could not publish ${payloads.length} message(s), trying again: ${(error as Error).message}`);
      return 'not-published';
    }
    const at = new Date();
    payloads.forEach(({ messageId }) => this.logger.log(`Message published to Kafka ${messageId}`));
    try {
      await this.statuses.record(payloads.map(({ messageId }) => ({ messageId, status: 'sent' as const, at })));
      return 'recorded';
    } catch (error) {
      // Kafka has them: the relay publishes them again later and records them then (client-b deduplicates).
      this.logger.warn(`Could not record ${payloads.length} message(s) as sent: ${(error as Error).message}`);
      return 'published';
    }
  }
}
