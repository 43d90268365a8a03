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
