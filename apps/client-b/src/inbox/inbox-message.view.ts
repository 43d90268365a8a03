import { StoredMessage } from '@app/mongo';
import { encodeInboxCursor } from './inbox.cursor';
import { jsonBytes } from './read-budget';

/** One inbox message as GET /messages, the SSE stream and the socket show it. */
export interface InboxMessageView {
  messageId: string;
  from: string;
  to: string;
  message: string;
  /** When client-a accepted it. */
  timestamp: string;
  /** When client-b stored it: the inbox's order. */
  receivedAt: string;
  /** Its place in that order: `before` of GET /messages, `id` of its SSE event. */
  cursor: string;
}

export function toInboxMessageView(stored: StoredMessage & { receivedAt: Date }): InboxMessageView {
  return {
    messageId: stored.messageId,
    from: stored.from,
    to: stored.to,
    message: stored.message,
    timestamp: stored.timestamp.toISOString(),
    receivedAt: stored.receivedAt.toISOString(),
    cursor: encodeInboxCursor({ receivedAt: stored.receivedAt, id: stored._id }),
  };
}

/** The view of a stored message and what it weighs as JSON, for the byte budgets of pages and replays. */
export function weighedInboxMessageView(stored: StoredMessage & { receivedAt: Date }): {
  item: InboxMessageView;
  bytes: number;
} {
  const item = toInboxMessageView(stored);
  return { item, bytes: jsonBytes(item) };
}
