import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const MESSAGES_COLLECTION = 'messages';
/** The sender's copy; client-b's copy of the same message has mailbox "inbox". */
export const OUTBOX_MAILBOX = 'outbox';

/**
 * The sender's copy of a message, in `message-db.messages`. Written once and
 * never updated; its status history is in `message-status`.
 */
@Schema({ collection: MESSAGES_COLLECTION, versionKey: false })
export class SentMessage {
  /** `outbox:<messageId>`: lookups by primary key. */
  @Prop({ type: String })
  _id: string;

  @Prop({ required: true })
  messageId: string;

  @Prop({ required: true })
  mailbox: string;

  @Prop({ required: true })
  from: string;

  @Prop({ required: true })
  to: string;

  @Prop({ required: true })
  message: string;

  /** When client-a accepted the message. */
  @Prop({ required: true })
  timestamp: Date;
}

export const SentMessageSchema = SchemaFactory.createForClass(SentMessage);
// The same index client-b declares: one copy per message per mailbox.
SentMessageSchema.index({ messageId: 1, mailbox: 1 }, { unique: true, name: 'messageId_mailbox_unique' });

export const sentMessageKey = (messageId: string): string => `${OUTBOX_MAILBOX}:${messageId}`;
