import { MessageStatus } from './message-status.schema';

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
