import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { duplicateTolerantInsert } from '@app/mongo';
import { MessageStatus, MessageStatusChange, statusChangeKey } from './message-status.schema';

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
