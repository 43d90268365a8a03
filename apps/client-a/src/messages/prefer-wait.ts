/** The longest `Prefer: wait` honoured, in seconds. */
export const MAX_PREFER_WAIT_SECONDS = 30;

/**
 * The seconds a `Prefer` header (RFC 7240) asks to wait, at most
 * MAX_PREFER_WAIT_SECONDS; undefined when it asks for no wait or is not one
 * we understand (preferences a server does not understand are ignored).
 */
export function preferredWaitSeconds(prefer: string | undefined): number | undefined {
  if (!prefer) return undefined;
  for (const preference of prefer.split(',')) {
    const match = /^\s*wait\s*=\s*"?(\d{1,6})"?\s*(?:;.*)?$/i.exec(preference);
    if (match) return Math.min(Number(match[1]), MAX_PREFER_WAIT_SECONDS);
  }
  return undefined;
}
