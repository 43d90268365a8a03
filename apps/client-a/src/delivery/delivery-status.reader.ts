import { Injectable } from '@nestjs/common';
import { MessageStatusRepository, MessageStatus } from './message-status.repository';
import { SentMessageRepository } from './sent-message.repository';

export interface HistoryEntry {
  readonly status: MessageStatus;
  readonly at: Date;
  readonly reason?: string;
}

const RANK: Record<MessageStatus, number> = { pending: 0, sent: 1, delivered: 2, ignored: 2, 'dead-lettered': 2 };

/**
 * A message's history in the order its life ran: pending, sent, then the
 * receipts. One entry per status (the earliest), ordered by rank first,
 * because a receipt can be recorded a moment before the `sent` it follows.
 */
export function statusHistory(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const earliest = new Map<MessageStatus, HistoryEntry>();
  for (const entry of entries) {
    const known = earliest.get(entry.status);
    if (!known || entry.at < known.at) earliest.set(entry.status, entry);
  }
  return [...earliest.values()].sort((a, b) => RANK[a.status] - RANK[b.status] || a.at.getTime() - b.at.getTime());
}

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
