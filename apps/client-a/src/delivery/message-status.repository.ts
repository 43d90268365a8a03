import { Injectable } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { duplicateTolerantInsert } from '@app/mongo';

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

export type StatusChange = Omit<MessageStatusChange, '_id'>;

const ALL_STATUSES: MessageStatus[] = ['pending', 'sent', 'delivered', 'ignored', 'dead-lettered'];

/** The steps of messages' lives; the only code that touches their model. */
@Injectable()
export class MessageStatusRepository {
  constructor(@InjectModel(MessageStatusChange.name) private readonly model: Model<MessageStatusChange>) {}

  /** Records steps with one unordered insert; steps recorded before are skipped. */
  async record(changes: StatusChange[]): Promise<void> {
    if (changes.length === 0) return;
    const documents = changes.map((change) => ({ _id: statusChangeKey(change.messageId, change.status), ...change }));
    await duplicateTolerantInsert(
      () => this.model.insertMany(documents, { ordered: false, lean: true }),
      documents.length,
    );
  }

  /**
   * Every recorded step of one message. One lookup by primary key per status,
   * not one `$in`: equality on `_id` is what every MongoDB-compatible server
   * answers from its index (FerretDB v1 scans the collection for `$in`).
   */
  async findFor(messageId: string): Promise<StatusChange[]> {
    const steps = await Promise.all(ALL_STATUSES.map((status) => this.find(messageId, status)));
    return steps.filter((step): step is StatusChange => step !== null);
  }

  async has(messageId: string, status: MessageStatus): Promise<boolean> {
    return (await this.find(messageId, status)) !== null;
  }

  private find(messageId: string, status: MessageStatus): Promise<StatusChange | null> {
    return this.model.findById(statusChangeKey(messageId, status), { _id: 0 }).lean<StatusChange>().exec();
  }
}
