/**
 * The write of the message's copy was sent but not confirmed (a timeout or a
 * lost connection): it may be stored, and then it will be delivered.
 * `GET /messages/:id` tells which, once the database answers again.
 */
export class StorageOutcomeUnknownError extends Error {
  override readonly name = 'StorageOutcomeUnknownError';

  constructor(
    readonly messageId: string,
    options?: { cause?: unknown },
  ) {
    super(`the database did not confirm whether message ${messageId} was stored`, options);
  }
}
