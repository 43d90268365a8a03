import {
  GatewayTimeoutException,
  HttpException,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { randomUUID, createHash } from 'node:crypto';
import { ClientAEnvironment } from '../config/client-a.environment';
import { StorageOutcomeUnknownError } from '../delivery/accepted-message.writer';
import { MessageDelivery, PublishBacklogFullError } from '../delivery/message.delivery';
import type { AcceptedMessage } from '../delivery/outbox-entry.repository';
import { AcceptedStatus, MessageStatusView } from '../delivery/delivery-status.reader';
import { FinalStatus } from '../delivery/message-status.repository';
import { IdempotencyKeyRepository } from '../idempotency/idempotency-key.repository';
import { ReceiptWaiters } from '../receipts/receipt.waiters';
import { SendMessageDto } from './send-message.dto';

/** Identifies a request's content, so one Idempotency-Key cannot stand for two different messages. */
export function messageFingerprint(message: { from: string; to: string; message: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([message.from, message.to, message.message]))
    .digest('hex');
}

export interface SendMessageResult {
  messageId: string;
  /**
   * `sent` once Kafka acknowledged it; `pending` while it still waits to be
   * published; with `Prefer: wait`, the final status if its receipt came in time.
   */
  status: AcceptedStatus | FinalStatus;
}

export interface SendOutcome {
  readonly result: SendMessageResult;
  /** True when an earlier request with the same Idempotency-Key already accepted this message. */
  readonly replayed: boolean;
}

const NOT_ACCEPTED = 'The message database is unavailable; the message was not accepted';
const BACKLOG_FULL = 'Too many messages are waiting for Kafka; the message was not accepted';

/**
 * The HTTP side of sending: the Idempotency-Key protocol, and what each
 * outcome of MessageDelivery means for the caller. A 503 means nothing was
 * stored and nothing will be delivered; a 504 means the outcome is unknown.
 */
@Injectable()
export class MessagesService {
  private readonly logger = new Logger(MessagesService.name);

  constructor(
    private readonly delivery: MessageDelivery,
    private readonly keys: IdempotencyKeyRepository,
    private readonly waiters: ReceiptWaiters,
    private readonly env: ClientAEnvironment,
  ) {}

  /**
   * With `receiptDeadline` (epoch ms), a newly accepted message's answer waits for its receipt until then.
   * `correlationId` is the request's: it goes with the message to Kafka and to client-b.
   */
  async send(
    dto: SendMessageDto,
    correlationId: string,
    idempotencyKey?: string,
    receiptDeadline?: number,
  ): Promise<SendOutcome> {
    const payload: AcceptedMessage = {
      messageId: randomUUID(),
      from: dto.from,
      to: dto.to,
      message: dto.message,
      acceptedAt: new Date().toISOString(),
      correlationId,
    };
    if (idempotencyKey === undefined) return this.accept(payload, receiptDeadline);
    return this.acceptOnce(payload, idempotencyKey, receiptDeadline);
  }

  async view(messageId: string): Promise<MessageStatusView> {
    const view = await this.answer(() => this.delivery.view(messageId), 'The message database is unavailable');
    if (!view) throw new NotFoundException(`No message ${messageId} was sent from here`);
    return view;
  }

  /**
   * The key is claimed first; whoever holds it decides the messageId. Storing
   * is then idempotent by messageId, so a request whose predecessor stopped
   * between claim and store completes the work instead of losing it.
   */
  private async acceptOnce(fresh: AcceptedMessage, key: string, receiptDeadline?: number): Promise<SendOutcome> {
    const fingerprint = messageFingerprint(fresh);
    const acceptedAt = new Date(fresh.acceptedAt);
    const expiresAt = new Date(acceptedAt.getTime() + this.env.IDEMPOTENCY_KEY_TTL_MS);
    const claim = await this.answer(() =>
      this.keys.claim({ key, messageId: fresh.messageId, fingerprint, acceptedAt, expiresAt }),
    );
    if (claim.fingerprint !== fingerprint) {
      throw new UnprocessableEntityException('Idempotency-Key was already used for a different message');
    }
    if (claim.messageId === fresh.messageId) return this.accept(fresh, receiptDeadline);
    const replay = await this.replay(claim.messageId);
    if (replay) return replay;
    return this.accept({ ...fresh, messageId: claim.messageId, acceptedAt: claim.acceptedAt.toISOString() });
  }

  private async accept(payload: AcceptedMessage, receiptDeadline?: number): Promise<SendOutcome> {
    const { messageId } = payload;
    // Waiting starts before the publish, so a quick receipt cannot come first.
    const receipt =
      receiptDeadline !== undefined && this.waiters.hasRoom
        ? this.waiters.waitFor(messageId, receiptDeadline)
        : undefined;
    const outcome = await this.answer(() => this.delivery.accept(payload)).catch((error: unknown) => {
      receipt?.cancel();
      throw error;
    });
    if (outcome.kind === 'accepted') {
      const final = receipt ? await receipt.result : undefined;
      return { result: { messageId, status: final ?? outcome.status }, replayed: false };
    }
    receipt?.cancel();
    // A request with the same Idempotency-Key stored it a moment ago.
    return (await this.replay(messageId)) ?? { result: { messageId, status: 'pending' }, replayed: true };
  }

  /** The earlier request's outcome, when its message was stored. */
  private async replay(messageId: string): Promise<SendOutcome | undefined> {
    const status = await this.answer(() => this.delivery.acceptedStatus(messageId));
    return status === undefined ? undefined : { result: { messageId, status }, replayed: true };
  }

  // The one place where a failure of storing becomes an HTTP answer.
  private async answer<T>(work: () => Promise<T>, unavailable = NOT_ACCEPTED): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof HttpException) throw error;
      if (error instanceof StorageOutcomeUnknownError) {
        const { messageId } = error;
        this.logger.error({
          msg: `Outcome unknown for message ${messageId}: ${(error.cause as Error)?.message ?? ''}`,
          messageId,
        });
        throw new GatewayTimeoutException({
          message: `The database did not confirm in time whether the message was stored; GET /messages/${error.messageId} tells`,
          messageId: error.messageId,
        });
      }
      this.logger.error(`Message not accepted: ${(error as Error).message}`);
      throw new ServiceUnavailableException(error instanceof PublishBacklogFullError ? BACKLOG_FULL : unavailable);
    }
  }
}
