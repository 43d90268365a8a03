import { ClientMessagePayload } from '@app/contracts';
import {
  HttpException,
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ClientAEnvironment } from '../config/client-a.environment';
import { IdempotencyKeyRepository } from '../idempotency/idempotency-key.repository';
import { AcceptedMessageLookup, AcceptedStatus } from './accepted-message.lookup';
import { ClientMessagePublisher } from './client-message.publisher';
import { messageFingerprint } from './message-fingerprint';
import { OutboxBacklog } from './outbox.backlog';
import { PendingMessageWriter } from './pending-message.writer';
import { PublishedMessagesRecorder } from './published-messages.recorder';
import { SendMessageDto } from './send-message.dto';

export interface SendMessageResult {
  messageId: string;
  /** `sent` once Kafka acknowledged it; `pending` while the outbox relay still has to publish it. */
  status: AcceptedStatus;
}

export interface SendOutcome {
  readonly result: SendMessageResult;
  /** True when an earlier request with the same Idempotency-Key already accepted this message. */
  readonly replayed: boolean;
}

const NOT_ACCEPTED = 'The message database is unavailable; the message was not accepted';

/**
 * Accepts a message: writes its outbox entry (the promise to deliver it) and
 * its sender's copy, then tries to publish it within PUBLISH_TIMEOUT_MS. What
 * is not published here is published by OutboxRelay; nothing is on Kafka that
 * is not in MongoDB, and nothing accepted is lost. Concurrent requests share
 * their database writes and their produce request.
 */
@Injectable()
export class MessagesService {
  private readonly logger = new Logger(MessagesService.name);

  constructor(
    private readonly writer: PendingMessageWriter,
    private readonly publisher: ClientMessagePublisher,
    private readonly recorder: PublishedMessagesRecorder,
    private readonly backlog: OutboxBacklog,
    private readonly keys: IdempotencyKeyRepository,
    private readonly lookup: AcceptedMessageLookup,
    private readonly env: ClientAEnvironment,
  ) {}

  async send(dto: SendMessageDto, idempotencyKey?: string): Promise<SendOutcome> {
    const payload: ClientMessagePayload = {
      messageId: randomUUID(),
      from: dto.from,
      to: dto.to,
      message: dto.message,
      acceptedAt: new Date().toISOString(),
    };
    if (idempotencyKey === undefined) return this.accept(payload);
    return this.acceptOnce(payload, idempotencyKey);
  }

  /**
   * The key is claimed first; whoever holds it decides the messageId. Storing
   * is then idempotent by messageId, so a request whose predecessor stopped
   * between claim and store completes the work instead of losing it.
   */
  private async acceptOnce(fresh: ClientMessagePayload, key: string): Promise<SendOutcome> {
    const fingerprint = messageFingerprint(fresh);
    const acceptedAt = new Date(fresh.acceptedAt);
    const expiresAt = new Date(acceptedAt.getTime() + this.env.IDEMPOTENCY_KEY_TTL_MS);
    const claim = await this.database(() =>
      this.keys.claim({ key, messageId: fresh.messageId, fingerprint, acceptedAt, expiresAt }),
    );
    if (claim.fingerprint !== fingerprint) {
      throw new UnprocessableEntityException('Idempotency-Key was already used for a different message');
    }
    if (claim.messageId === fresh.messageId) return this.accept(fresh);
    const replay = await this.replay(claim.messageId);
    if (replay) return replay;
    return this.accept({ ...fresh, messageId: claim.messageId, acceptedAt: claim.acceptedAt.toISOString() });
  }

  private async accept(payload: ClientMessagePayload): Promise<SendOutcome> {
    const { messageId } = payload;
    const stored = await this.database(() => this.writer.write(payload));
    if (!stored) {
      // A request with the same Idempotency-Key stored it a moment ago.
      return (await this.replay(messageId)) ?? { result: { messageId, status: 'pending' }, replayed: true };
    }
    this.logger.log(`Message saved to MongoDB ${messageId} (${payload.from} -> ${payload.to})`);
    if (this.backlog.exists) {
      this.backlog.handOver(payload);
      this.logger.log(`Message ${messageId} left to the outbox relay: older messages are still pending`);
      return { result: { messageId, status: 'pending' }, replayed: false };
    }
    return { result: { messageId, status: await this.publish(payload) }, replayed: false };
  }

  private async publish(payload: ClientMessagePayload): Promise<AcceptedStatus> {
    try {
      // Concurrent requests' messages leave in one produce request (RecordProducer batches them).
      await this.publisher.publish([payload], this.env.PUBLISH_TIMEOUT_MS);
    } catch (error) {
      this.backlog.mark();
      this.logger.warn(`Message ${payload.messageId} left pending in the outbox: ${(error as Error).message}`);
      return 'pending';
    }
    this.recorder.published(payload.messageId);
    this.logger.log(`Message published to Kafka ${payload.messageId}`);
    return 'sent';
  }

  /** The earlier request's outcome, when its message was stored. */
  private async replay(messageId: string): Promise<SendOutcome | undefined> {
    const status = await this.database(() => this.lookup.statusOf(messageId));
    return status === undefined ? undefined : { result: { messageId, status }, replayed: true };
  }

  private async database<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof HttpException) throw error;
      this.logger.error(`Database call failed: ${(error as Error).message}`);
      throw new ServiceUnavailableException(NOT_ACCEPTED);
    }
  }
}
