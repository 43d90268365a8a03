import { withTimeout } from '@app/kafka';
import { Injectable, Logger } from '@nestjs/common';
import { ClientAEnvironment } from '../config/client-a.environment';
import { AcceptedMessageWriter } from './accepted-message.writer';
import { DeliveryMetrics } from './delivery.metrics';
import { AcceptedStatus, DeliveryStatusReader, MessageStatusView } from './delivery-status.reader';
import { PublishQueue } from './publish.queue';
import { ClientMessagePayload } from '@app/contracts';

/**
 * The message was not stored and will never be delivered: the database
 * refused or never received the write, or the publish backlog is full.
 */
export class MessageNotStoredError extends Error {
  override readonly name: string = 'MessageNotStoredError';

  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
  }
}

/** Refused before anything was stored: the messages waiting for Kafka fill the publish queue's budget. */
export class PublishBacklogFullError extends MessageNotStoredError {
  override readonly name = 'PublishBacklogFullError';

  constructor() {
    super('too many messages are waiting for Kafka (PUBLISH_QUEUE_CAPACITY or PUBLISH_QUEUE_MAX_BYTES)');
  }
}

/**
 * The write of the message's copy was sent but not confirmed (a timeout or a
 * lost connection): it may be stored, and then it will be delivered.
 * `GET /messages/:id` tells which, once the database answers again.
 */
export class StorageOutcomeUnknownError extends Error {
  override readonly name = 'StorageOutcomeUnknownError';

  constructor(
    readonly messageId: string,
    options?: { cause?: unknown },
  ) {
    super(`the database did not confirm whether message ${messageId} was stored`, options);
  }
}

/**
 * A message client-a accepted: its record's value, and the correlation id of
 * the request that sent it, which travels as a header of the record (not in
 * the value) and is kept in the outbox entry for the relay. Absent on entries
 * written before correlation ids were kept.
 */
export interface AcceptedMessage extends ClientMessagePayload {
  readonly correlationId?: string;
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
