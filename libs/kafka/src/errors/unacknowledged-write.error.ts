/**
 * A write the batch's commit depends on (a forward, a delivery receipt) was
 * not acknowledged. Thrown by a batch handler, it is not a failure of the
 * records: the pipeline commits nothing and processes the batch again after a
 * backoff, so the handler's effects must be idempotent.
 */
export class UnacknowledgedWriteError extends Error {
  override readonly name: string = 'UnacknowledgedWriteError';
  readonly retriable = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
