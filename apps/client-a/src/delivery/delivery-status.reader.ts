import { Injectable } from '@nestjs/common';
import { MessageStatusRepository } from './message-status.repository';
import { MessageStatus } from './message-status.schema';
import { HistoryEntry, statusHistory } from './status-history';
import { SentMessageRepository } from './sent-message.repository';

/** GET /messages/:id: a sent message with its status history. */
export interface MessageStatusView {
  messageId: string;
  from: string;
  to: string;
  message: string;
  acceptedAt: string;
  status: MessageStatus;
  history: { status: MessageStatus; at: string; reason?: string }[];
}

/** `sent` once its `sent` step is written; `pending` while the publish queue or the relay still has it. */
export type AcceptedStatus = 'pending' | 'sent';

/**
 * Reads where a sent message has got to, from the database only: its copy
 * (accepted, pending) and its status steps (sent, then client-b's receipt).
 */
@Injectable()
export class DeliveryStatusReader {
  constructor(
    private readonly copies: SentMessageRepository,
    private readonly statuses: MessageStatusRepository,
  ) {}

  /** The message and its history; undefined when no copy of it was stored here. */
  async view(messageId: string): Promise<MessageStatusView | undefined> {
    const [message, changes] = await Promise.all([this.copies.findOne(messageId), this.statuses.findFor(messageId)]);
    if (!message) return undefined;
    const accepted: HistoryEntry = { status: 'pending', at: message.timestamp };
    const history = statusHistory([accepted, ...changes]);
    return {
      messageId: message.messageId,
      from: message.from,
      to: message.to,
      message: message.message,
      acceptedAt: message.timestamp.toISOString(),
      status: history[history.length - 1].status,
      history: history.map(({ status, at, reason }) => ({
        status,
        at: at.toISOString(),
        ...(reason ? { reason } : {}),
      })),
    };
  }

  /** What an idempotent replay answers; undefined when no copy was stored. */
  async acceptedStatus(messageId: string): Promise<AcceptedStatus | undefined> {
    const [copy, sent] = await Promise.all([this.copies.findOne(messageId), this.statuses.has(messageId, 'sent')]);
    if (!copy) return undefined;
    return sent ? 'sent' : 'pending';
  }
}
