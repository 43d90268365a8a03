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
    await duplicateTolerantInsert(() => this.model.insertMany(documents, { ordered: false, lean: true }), documents.length);
  }

  /** Every recorded step of one message, by primary key. */
  async findFor(messageId: string): Promise<StatusChange[]> {
    const ids = ALL_STATUSES.map((status) => statusChangeKey(messageId, status));
    return this.model.find({ _id: { $in: ids } }, { _id: 0 }).lean<StatusChange[]>().exec();
  }
}

