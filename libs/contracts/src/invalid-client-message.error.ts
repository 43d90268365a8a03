/** A record value that can never be processed: not JSON, or not a valid message. */
export class InvalidClientMessageError extends Error {
  override readonly name = 'InvalidClientMessageError';
  /** No retry can fix the value: the record goes to the dead-letter topic at once. */
  readonly retriable = false;
}
