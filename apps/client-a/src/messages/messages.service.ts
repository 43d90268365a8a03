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
import { ClientMessagePublisher } from './client-message.publisher';
import { messageFingerprint } from './message-fingerprint';
import { OutboxEntryRepository } from './outbox-entry.repository';
import { OutboxBacklog } from './outbox.backlog';
import { SendMessageDto } from './send-message.dto';
import { SentMessageStatus } from './sent-message.schema';
import { SentMessageRepository } from './sent-message.repository';

export interface SendMessageResult {
  messageId: string;
  /** `sent` once Kafka acknowledged it; `pending` while the outbox relay still has to publish it. */
  status: SentMessageStatus;
}

export interface SendOutcome {
  readonly result: SendMessageResult;
  /** True when an earlier request with the same Idempotency-Key already accepted this message. */
  readonly replayed: boolean;
}

const NOT_ACCEPTED = 'The message database is unavailable; the message was not accepted';

/**
 * Accepts a message: writes its outbox entry (the promise to deliver it) and
 * its sender's copy, status pending, then tries to publish it within
 * PUBLISH_TIMEOUT_MS. What is not published here is published by OutboxRelay;
 * nothing is on Kafka that is not in MongoDB, and nothing accepted is lost.
 */
@Injectable()
export class MessagesService {
  private readonly logger = new Logger(MessagesService.name);

  constructor(
    private readonly repository: SentMessageRepository,
    private readonly outbox: OutboxEntryRepository,
    private readonly keys: IdempotencyKeyRepository,
    private readonly publisher: ClientMessagePublisher,
    private readonly backlog: OutboxBacklog,
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
    const document = { ...payload, timestamp: new Date(payload.acceptedAt) };
    // The entry first: a copy that exists is always backed by an entry until it is published.
    await this.database(() => this.outbox.add(payload));
    const inserted = await this.database(() => this.repository.insertPending(document));
    if (!inserted) {
      // A request with the same Idempotency-Key stored it a moment ago.
      return (await this.replay(messageId)) ?? { result: { messageId, status: 'pending' }, replayed: true };
    }
    this.logger.log(`Message saved to MongoDB ${messageId} (${payload.from} -> ${payload.to})`);
    if (this.backlog.exists) {
      this.logger.log(`Message ${messageId} left to the outbox relay: older messages are still pending`);
      return { result: { messageId, status: 'pending' }, replayed: false };
    }
    return { result: { messageId, status: await this.publish(payload) }, replayed: false };
  }

  private async publish(payload: ClientMessagePayload): Promise<SentMessageStatus> {
    try {
      await this.publisher.publish([payload], this.env.PUBLISH_TIMEOUT_MS);
    } catch (error) {
      this.backlog.mark();
      this.logger.warn(`Message ${payload.messageId} left pending in the outbox: ${(error as Error).message}`);
      return 'pending';
    }
    const { messageId } = payload;
    // Both are bookkeeping after the fact: a failure of either is logged, and the answer stays 201.
    await Promise.all([
      this.outbox.remove([messageId]).catch((error: Error) => {
        // The relay publishes it again, which client-b deduplicates.
        this.logger.warn(`Could not remove the outbox entry of message ${messageId}: ${error.message}`);
      }),
      this.repository.markSent(messageId, new Date()).catch((error: Error) => {
        this.logger.warn(`Could not mark message ${messageId} sent: ${error.message}`);
      }),
    ]);
    this.logger.log(`Message published to Kafka ${payload.messageId}`);
    return 'sent';
  }

  /** The earlier request's outcome: `sent` once the message left the outbox, by whichever publisher. */
  private async replay(messageId: string): Promise<SendOutcome | undefined> {
    const existing = await this.database(() => this.repository.findOne(messageId));
    if (!existing) return undefined;
    const published = existing.status === 'sent' || !(await this.database(() => this.outbox.has(messageId)));
    return { result: { messageId, status: published ? 'sent' : 'pending' }, replayed: true };
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
