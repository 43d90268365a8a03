import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const MESSAGE_STATUS_COLLECTION = 'message-status';

/** `pending` → `sent` → one of the final statuses, which come from client-b's delivery receipts. */
export type MessageStatus = 'pending' | 'sent' | 'delivered' | 'ignored' | 'dead-lettered';
/** The statuses a delivery receipt gives, after which nothing changes. */
export type FinalStatus = Extract<MessageStatus, 'delivered' | 'ignored' | 'dead-lettered'>;

/**
 * One step of a message's life, in `message-db.message-status`. Steps are
 * inserted, never updated: `_id` is `<messageId>:<status>`, so a repeated
 * step (a redelivered receipt, a second publish) collides and changes nothing,
 * and recording a batch is one insertMany.
 */
@Schema({ collection: MESSAGE_STATUS_COLLECTION, versionKey: false })
export class MessageStatusChange {
  @Prop({ type: String })
  _id: string;

  @Prop({ required: true })
  messageId: string;

  @Prop({ required: true, type: String })
  status: MessageStatus;

  @Prop({ required: true })
  at: Date;

  /** Why, for a dead letter: the error client-b gave up on. */
  @Prop()
  reason?: string;
}

export const MessageStatusChangeSchema = SchemaFactory.createForClass(MessageStatusChange);
MessageStatusChangeSchema.index({ messageId: 1 }, { name: 'messageId' });

export const statusChangeKey = (messageId: string, status: MessageStatus): string => `${messageId}:${status}`;
