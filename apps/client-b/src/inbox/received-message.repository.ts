import { bulkInsertResults, INBOX_MAILBOX, messageKey, StoredMessage } from '@app/mongo';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

export type NewReceivedMessage = Omit<StoredMessage, '_id' | 'mailbox' | 'receivedAt'>;

/** The recipient's copies in MongoDB; the only code of client-b that touches the model. */
@Injectable()
export class ReceivedMessageRepository {
  constructor(@InjectModel(StoredMessage.name) private readonly model: Model<StoredMessage>) {}

  /**
   * Stores a batch with one unordered bulk insert. Returns, per message,
   * undefined when stored or the error that stopped it (a duplicate-key
   * error means it was stored before).
   */
  async saveMany(messages: NewReceivedMessage[]): Promise<(Error | undefined)[]> {
    if (messages.length === 0) return [];
    const receivedAt = new Date();
    // The copy's identity is the primary key: a redelivery collides on the index every server serves fastest.
    const documents = messages.map((message) => ({
      _id: messageKey(INBOX_MAILBOX, message.messageId),
      ...message,
      mailbox: INBOX_MAILBOX,
      receivedAt,
    }));
    return bulkInsertResults(() => this.model.insertMany(documents, { ordered: false, lean: true }), documents.length);
  }

  async findRecent(limit: number): Promise<StoredMessage[]> {
    return this.model
      .find({ mailbox: INBOX_MAILBOX }, { _id: 0 })
      .sort({ receivedAt: -1 })
      .limit(limit)
      .lean()
      .exec();
  }
}
