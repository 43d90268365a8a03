/** Where a message sits in the inbox's order: newest stored first, ties broken by `_id`. */
export interface InboxPosition {
  readonly receivedAt: Date;
  readonly id: string;
}

const CURSOR_PATTERN = /^(\d{1,15})\.(inbox:[0-9a-f-]{36})$/;

/** An opaque, URL-safe cursor for a position (the `before` of the next page, an SSE event's id). */
export function encodeInboxCursor({ receivedAt, id }: InboxPosition): string {
  return Buffer.from(`${receivedAt.getTime()}.${id}`).toString('base64url');
}

/** The position a cursor names, or undefined when it is not one of ours. */
export function decodeInboxCursor(cursor: string): InboxPosition | undefined {
  const match = CURSOR_PATTERN.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? { receivedAt: new Date(Number(match[1])), id: match[2] } : undefined;
}
