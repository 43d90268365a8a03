import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AsyncResource } from 'node:async_hooks';
import { ClientAEnvironment } from '../config/client-a.environment';
import type { AcceptedMessage } from './outbox-entry.repository';
import { ClientMessagePublisher } from './client-message.publisher';
import { MessageStatusRepository } from './message-status.repository';
import { OutboxEntryRemover } from './outbox-entry.remover';
import { MAX_MESSAGES_PER_WRITE } from './write.coalescer';
import { DeliveryMetrics } from './delivery.metrics';

interface Queued {
  readonly payload: AcceptedMessage;
  readonly bytes: number;
  readonly published: () => void;
}

/** Per queued message beyond its strings: the entry, its promise, its map slots. */
const ENTRY_OVERHEAD_BYTES = 512;

/**
 * About what a queued message holds in memory: V8 keeps a string in one or two bytes
 * a character, so two are counted (a payload of 16 KB of text counts 32 KB).
 */
export function queuedMessageBytes(payload: AcceptedMessage): number {
  const { messageId, from, to, message, acceptedAt, correlationId = '' } = payload;
  const characters =
    messageId.length + from.length + to.length + message.length + acceptedAt.length + correlationId.length;
  return ENTRY_OVERHEAD_BYTES + 2 * characters;
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
  /** What the queued messages hold (queuedMessageBytes), bounded by PUBLISH_QUEUE_MAX_BYTES. */
  private queuedBytes = 0;
  private draining?: Promise<void>;
  private stopped = false;
  /**
   * Runs work in the context the queue was created in (the start, outside any
   * request). A drain started by one request publishes everyone's messages, so
   * its lines must not carry that request's correlation id: each carries its own.
   */
  private readonly outsideRequests = AsyncResource.bind((work: () => Promise<void>) => work());

  constructor(
    private readonly publisher: ClientMessagePublisher,
    private readonly statuses: MessageStatusRepository,
    private readonly entries: OutboxEntryRemover,
    private readonly env: ClientAEnvironment,
    private readonly metrics: DeliveryMetrics,
  ) {}

  /** True when no more may wait: new requests are refused before anything is stored. */
  get isFull(): boolean {
    return (
      this.queuedIds.size >= this.env.PUBLISH_QUEUE_CAPACITY || this.queuedBytes >= this.env.PUBLISH_QUEUE_MAX_BYTES
    );
  }

  /**
   * True when `payload` may wait too, within PUBLISH_QUEUE_CAPACITY messages and
   * PUBLISH_QUEUE_MAX_BYTES: while a broker is down the queue holds every message
   * accepted, so its bytes, not its length, decide when memory would run out.
   */
  hasRoomFor(payload: AcceptedMessage): boolean {
    if (this.queuedIds.has(payload.messageId)) return true;
    return (
      this.queuedIds.size < this.env.PUBLISH_QUEUE_CAPACITY &&
      this.queuedBytes + queuedMessageBytes(payload) <= this.env.PUBLISH_QUEUE_MAX_BYTES
    );
  }

  /** Bytes the queued messages hold now (queuedMessageBytes). */
  get bytes(): number {
    return this.queuedBytes;
  }

  holds(messageId: string): boolean {
    return this.queuedIds.has(messageId);
  }

  /** Resolves once the message is published; a message already queued is not queued twice. */
  publish(payload: AcceptedMessage): Promise<void> {
    const queued = this.queuedIds.get(payload.messageId);
    if (queued) return queued;
    const bytes = queuedMessageBytes(payload);
    const published = new Promise<void>((resolve) => this.queued.push({ payload, bytes, published: resolve }));
    this.queuedIds.set(payload.messageId, published);
    this.queuedBytes += bytes;
    this.startDraining();
    return published;
  }

  // A message queued between the loop's last check and its end is picked up by the next run.
  private startDraining(): void {
    if (this.draining || this.stopped) return;
    this.draining = this.outsideRequests(() => this.drain()).finally(() => {
      this.draining = undefined;
      if (this.queued.length > 0) this.startDraining();
    });
  }

  /** Stops publishing; what is still queued stays in the outbox for the next start's relay. */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.draining;
    await this.entries.settled();
  }

  // Publishes one batch at a time, in order; the next batch is published while
  // the previous one's `sent` steps are written (one write in flight).
  private async drain(): Promise<void> {
    let failures = 0;
    let recording: Promise<void> = Promise.resolve();
    // Checked again after the last write: a message may arrive while it is in flight.
    while (this.queued.length > 0 && !this.stopped) {
      const batch = this.queued.splice(0, MAX_MESSAGES_PER_WRITE);
      const payloads = batch.map(({ payload }) => payload);
      if (!(await this.publishBatch(payloads))) {
        this.queued.unshift(...batch); // still the oldest: tried again first
        failures += 1;
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(RETRY_DELAY_MS.max, RETRY_DELAY_MS.first * 2 ** (failures - 1))),
        );
        continue;
      }
      failures = 0;
      await recording;
      recording = this.record(payloads).then((recorded) => {
        for (const { payload, bytes, published } of batch) {
          this.queuedIds.delete(payload.messageId);
          this.queuedBytes -= bytes;
          published();
        }
        // Without its `sent` step the entry must stay: it is how the relay knows to publish again.
        if (recorded) this.entries.remove(payloads.map(({ messageId }) => messageId));
      });
      if (this.queued.length === 0) await recording;
    }
    await recording;
  }

  private async publishBatch(payloads: AcceptedMessage[]): Promise<boolean> {
    try {
      await this.publisher.publish(payloads, this.env.KAFKA_REQUEST_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn(`Could not publish ${payloads.length} message(s), trying again: ${(error as Error).message}`);
      return false;
    }
    payloads.forEach(({ messageId, correlationId }) =>
      this.logger.log({ msg: `Message published to Kafka ${messageId}`, messageId, correlationId }),
    );
    this.metrics.published(payloads.length);
    return true;
  }

  private async record(payloads: AcceptedMessage[]): Promise<boolean> {
    const at = new Date();
    try {
      await this.statuses.record(payloads.map(({ messageId }) => ({ messageId, status: 'sent' as const, at })));
      return true;
    } catch (error) {
      // Kafka has them: the relay publishes them again later and records them then (client-b deduplicates).
      this.logger.warn(`Could not record ${payloads.length} message(s) as sent: ${(error as Error).message}`);
      return false;
    }
  }
}
