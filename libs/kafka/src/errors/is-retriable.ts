/**
 * The one reading of an error's `retriable` flag: false only when the error
 * says so; anything unknown (a driver error, a plain Error, a thrown string)
 * counts as retriable, because a lost message is worse than a late one.
 */
export function isRetriable(error: unknown): boolean {
  return (error as { retriable?: unknown } | null | undefined)?.retriable !== false;
}
