/**
 * The message was not stored and will never be delivered: the database
 * refused or never received the write, or the publish backlog is full.
 */
export class MessageNotStoredError extends Error {
  override readonly name = 'MessageNotStoredError';

  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
  }
}
