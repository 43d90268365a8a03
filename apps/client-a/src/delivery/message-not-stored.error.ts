/**
 * The message was not stored and will never be delivered: the database
 * refused or never received the write, or the publish backlog is full.
 */
export class MessageNotStoredError extends Error {
  override readonly name: string = 'MessageNotStoredError';

  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
  }
}

/** Refused before anything was stored: the messages waiting for Kafka fill the publish queue's budget. */
export class PublishBacklogFullError extends MessageNotStoredError {
  override readonly name = 'PublishBacklogFullError';

  constructor() {
    super('too many messages are waiting for Kafka (PUBLISH_QUEUE_CAPACITY or PUBLISH_QUEUE_MAX_BYTES)');
  }
}
