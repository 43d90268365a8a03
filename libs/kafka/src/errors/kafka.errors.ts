import { MessagingError } from '@app/contracts';

/** Processing failed for a reason that may pass (database or network hiccup): retry later. */
export class RetriableMessageError extends MessagingError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, retriable: true });
  }
}

/** The record can never succeed (unparseable, invalid): dead-letter it at once. */
export class NonRetriableMessageError extends MessagingError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, retriable: false });
  }
}

/** A `retry` or due-time header we did not write: the record's history cannot be trusted. */
export class MalformedRetryHeaderError extends NonRetriableMessageError {}

/** A broker call did not finish within its bound; the caller may try again later. */
export class KafkaTimeoutError extends MessagingError {}

/**
 * A write the batch's commit depends on (a forward, a delivery receipt) was
 * not acknowledged. Thrown by a batch handler, it is not a failure of the
 * records: the pipeline commits nothing and processes the batch again after a
 * backoff, so the handler's effects must be idempotent.
 */
export class UnacknowledgedWriteError extends MessagingError {}

/**
 * A record that alone exceeds what one produce request may carry
 * (`KAFKA_MAX_REQUEST_BYTES`): sending it again can never succeed.
 */
export class RecordTooLargeError extends MessagingError {
  constructor(
    readonly recordBytes: number,
    readonly limitBytes: number,
    topic: string,
    /** What else the reader should know, e.g. the failure that sent the record on. */
    detail?: string,
  ) {
    const message = `a record of ${recordBytes} bytes for ${topic} exceeds the ${limitBytes}-byte request limit`;
    super(detail ? `${message}; ${detail}` : message, { retriable: false });
  }
}

/** Bounds a broker call, so a hung broker becomes a clear error instead of a hung request. */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KafkaTimeoutError(`${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
