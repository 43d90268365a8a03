import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const MESSAGES_COLLECTION = 'messages';
/** The recipient's copy; client-a's copy of the same message has mailbox "outbox". */
export const INBOX_MAILBOX = 'inbox';

/** The recipient's copy of a message, in `message-db.messages`. */
@Schema({ collection: MESSAGES_COLLECTION, versionKey: false })
export class ReceivedMessage {
  /** `inbox:<messageId>`: one copy per message, enforced by the primary key. */
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

  /** When client-b stored it; minus `timestamp`, the end-to-end latency. */
  @Prop({ required: true })
  receivedAt: Date;
}

export const ReceivedMessageSchema = SchemaFactory.createForClass(ReceivedMessage);
// The unique index that makes a redelivered record harmless: one copy per message per mailbox.
ReceivedMessageSchema.index({ messageId: 1, mailbox: 1 }, { unique: true, name: 'messageId_mailbox_unique' });
