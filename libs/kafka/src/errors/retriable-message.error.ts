/** Processing failed for a reason that may pass (database or network hiccup): retry later. */
export class RetriableMessageError extends Error {
  override readonly name: string = 'RetriableMessageError';
  readonly retriable = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
