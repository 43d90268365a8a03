import { withTimeout } from '@app/kafka';
import { Injectable, Logger } from '@nestjs/common';
import { ClientAEnvironment } from '../config/client-a.environment';
import { AcceptedMessageWriter, MessageNotStoredError } from './accepted-message.writer';
import { DeliveryMetrics } from './delivery.metrics';
import { AcceptedStatus, DeliveryStatusReader, MessageStatusView } from './delivery-status.reader';
import type { AcceptedMessage } from './outbox-entry.repository';
import { PublishQueue } from './publish.queue';

/** Refused before anything was stored: the messages waiting for Kafka fill the publish queue's budget. */
export class PublishBacklogFullError extends MessageNotStoredError {
  override readonly name = 'PublishBacklogFullError';

  constructor() {
    super('too many messages are waiting for Kafka (PUBLISH_QUEUE_CAPACITY or PUBLISH_QUEUE_MAX_BYTES)');
  }
}

export type AcceptOutcome =
  | { readonly kind: 'accepted'; readonly status: AcceptedStatus }
  /** A request with the same messageId (an idempotent retry) stored it before. */
  | { readonly kind: 'already-stored' };

/**
 * The one door to a message's delivery: store it, publish it through the
 * ordered queue, say where it is. Nothing here keeps a copy of the truth in
 * memory: statuses are read from the database.
 */
@Injectable()
export class MessageDelivery {
  private readonly logger = new Logger(MessageDelivery.name);

  constructor(
    private readonly writer: AcceptedMessageWriter,
    private readonly queue: PublishQueue,
    private readonly reader: DeliveryStatusReader,
    private readonly env: ClientAEnvironment,
    private readonly metrics: DeliveryMetrics,
  ) {}

  /**
   * `sent` when Kafka acknowledged it within PUBLISH_TIMEOUT_MS, else `pending`
   * (it stays queued and is published later). Rejects with MessageNotStoredError
   * (nothing stored, never delivered; PublishBacklogFullError when the publish
   * queue has no room) or StorageOutcomeUnknownError.
   */
  async accept(payload: AcceptedMessage): Promise<AcceptOutcome> {
    // Refused before anything is stored: a message that cannot be queued must not be accepted.
    if (!this.queue.hasRoomFor(payload)) throw new PublishBacklogFullError();
    if ((await this.writer.write(payload)) === 'already-stored') {
      this.metrics.accepted('already-stored');
      return { kind: 'already-stored' };
    }
    // Called in the request's context: its lines carry the correlation id already.
    const { messageId } = payload;
    this.logger.log({ msg: `Message saved to MongoDB ${messageId} (${payload.from} -> ${payload.to})`, messageId });
    // The queue never rejects: a timeout only means the message is still queued.
    const published = await withTimeout(this.queue.publish(payload), this.env.PUBLISH_TIMEOUT_MS, 'publishing').then(
      () => true,
      () => false,
    );
    if (!published)
      this.logger.warn({ msg: `Message ${messageId} pending: Kafka did not acknowledge it in time`, messageId });
    const status = published ? 'sent' : 'pending';
    this.metrics.accepted(status);
    return { kind: 'accepted', status };
  }

  acceptedStatus(messageId: string): Promise<AcceptedStatus | undefined> {
    return this.reader.acceptedStatus(messageId);
  }

  view(messageId: string): Promise<MessageStatusView | undefined> {
    return this.reader.view(messageId);
  }
}
