/** The record can never succeed (unparseable, invalid): dead-letter it at once. */
export class NonRetriableMessageError extends Error {
  override readonly name: string = 'NonRetriableMessageError';
  readonly retriable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
