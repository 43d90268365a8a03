/** A record value that can never be processed: not JSON, or not a valid message. */
export class InvalidClientMessageError extends Error {
  override readonly name = 'InvalidClientMessageError';
}
