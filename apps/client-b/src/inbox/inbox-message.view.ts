import { StoredMessage } from '@app/mongo';

/** Where a message sits in the inbox's order: newest stored first, ties broken by `_id`. */
export interface InboxPosition {
  readonly receivedAt: Date;
  readonly id: string;
}

/**
 * The longest cursor there is: 15 digits, a dot and `inbox:<uuid>` (58
 * characters) are 80 in base64url. A longer string is refused before it is decoded.
 */
export const INBOX_CURSOR_MAX_LENGTH = 80;

// Milliseconds without leading zeros (Dates reach 8.64e15 ms, 16 digits; 15 cover the year 33658), then the `_id`.
// The UUID's hex in either case: messages stored before ids were lower-cased must stay reachable.
const CURSOR_PATTERN =
  /^(0|[1-9]\d{0,14})\.(inbox:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** An opaque, URL-safe cursor for a position (the `before` of the next page, an SSE event's id). */
export function encodeInboxCursor({ receivedAt, id }: InboxPosition): string {
  return Buffer.from(`${receivedAt.getTime()}.${id}`).toString('base64url');
}

/**
 * The position a cursor names, or undefined when it is not one this service
 * gave: only the exact string {@link encodeInboxCursor} makes is accepted (Node
 * decodes base64 leniently, so other spellings of the same bytes are refused
 * by encoding the result again). Runs in time linear in at most
 * {@link INBOX_CURSOR_MAX_LENGTH} characters, whatever it is given.
 */
export function decodeInboxCursor(cursor: string): InboxPosition | undefined {
  if (cursor.length === 0 || cursor.length > INBOX_CURSOR_MAX_LENGTH || !BASE64URL.test(cursor)) return undefined;
  const match = CURSOR_PATTERN.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!match) return undefined;
  const position = { receivedAt: new Date(Number(match[1])), id: match[2] };
  return encodeInboxCursor(position) === cursor ? position : undefined;
}

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

/** How much one page or one replay may hold: messages, and bytes of them as JSON. */
export interface ReadBudget {
  readonly maxMessages: number;
  readonly maxBytes: number;
}

/** What was taken, and whether more would have followed (the budget cut it short). */
export interface BudgetedRead<T> {
  readonly items: T[];
  readonly cut: boolean;
}

/**
 * Takes items from `source` until the budget is spent: at most `maxMessages`,
 * and no item that would take the total past `maxBytes` (except the first, so
 * a single large item still moves a reader forward). Stops reading as soon as
 * it knows (leaving the loop closes the source, e.g. a database cursor), and
 * when `stopped()` says its reader has gone.
 */
export async function readWithinBudget<S, T>(
  source: AsyncIterable<S>,
  budget: ReadBudget,
  weigh: (item: S) => { item: T; bytes: number },
  stopped: () => boolean = () => false,
): Promise<BudgetedRead<T>> {
  const items: T[] = [];
  let bytes = 0;
  for await (const next of source) {
    if (stopped()) return { items, cut: false };
    if (items.length >= budget.maxMessages) return { items, cut: true };
    const weighed = weigh(next);
    if (items.length > 0 && bytes + weighed.bytes > budget.maxBytes) return { items, cut: true };
    items.push(weighed.item);
    bytes += weighed.bytes;
  }
  return { items, cut: false };
}

/** What a message weighs in a JSON answer: its UTF-8 bytes. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}
