/**
 * The base of the errors the services raise about a message or a call for one, carrying kafkajs'
 * `retriable` flag: whether the same work may succeed if tried again later. Retriable unless the
 * error says otherwise, as in kafkajs, because a lost message is worse than a late one.
 */
export class MessagingError extends Error {
  readonly retriable: boolean;

  constructor(message: string, { retriable = true, cause }: { retriable?: boolean; cause?: unknown } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.retriable = retriable;
  }
}

/**
 * The one reading of an error's `retriable` flag, ours or a driver's (kafkajs sets it on all of its
 * errors): false only when the error says so; anything unknown (a plain Error, a thrown string)
 * counts as retriable.
 */
export function isRetriable(error: unknown): boolean {
  return (error as { retriable?: unknown } | null | undefined)?.retriable !== false;
}
