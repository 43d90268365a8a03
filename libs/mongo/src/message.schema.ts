import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Both copies of every message live here, in `message-db.messages`. */
export const MESSAGES_COLLECTION = 'messages';

/** Which copy a document is: the sender's (client-a) or the recipient's (client-b). */
export type Mailbox = 'outbox' | 'inbox';
export const OUTBOX_MAILBOX: Mailbox = 'outbox';
export const INBOX_MAILBOX: Mailbox = 'inbox';

/**
 * One copy of a message. The copy's identity is its primary key,
 * `<mailbox>:<messageId>`, and the unique index allows one copy per message
 * per mailbox: a redelivered record or a retried request never adds a second.
 */
@Schema({ collection: MESSAGES_COLLECTION, versionKey: false })
export class StoredMessage {
  @Prop({ type: String })
  _id: string;

  /** The UUID client-a gave the message; also the `message-id` header of its records. */
  @Prop({ required: true })
  messageId: string;

  @Prop({ required: true, type: String })
  mailbox: Mailbox;

  @Prop({ required: true })
  from: string;

  @Prop({ required: true })
  to: string;

  @Prop({ required: true })
  message: string;

  /** When client-a accepted the message. */
  @Prop({ required: true })
  timestamp: Date;

  /** Inbox copies: when client-b stored it; minus `timestamp`, the end-to-end latency. */
  @Prop()
  receivedAt?: Date;
}

export const StoredMessageSchema = SchemaFactory.createForClass(StoredMessage);
StoredMessageSchema.index({ messageId: 1, mailbox: 1 }, { unique: true, name: 'messageId_mailbox_unique' });
// client-b's GET /messages: a mailbox newest stored first, paged by (receivedAt, _id).
StoredMessageSchema.index({ mailbox: 1, receivedAt: -1, _id: -1 }, { name: 'inbox_page' });

/** The primary key of a message's copy in `mailbox`. */
export const messageKey = (mailbox: Mailbox, messageId: string): string => `${mailbox}:${messageId}`;
