import { bulkInsertResults, INBOX_MAILBOX, InsertResult, messageKey, StoredMessage, translateWriteError } from '@app/mongo';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { decodeInboxCursor, InboxPosition } from './inbox.cursor';

export type NewReceivedMessage = Omit<StoredMessage, '_id' | 'mailbox' | 'receivedAt'>;
export type StoredInboxMessage = StoredMessage & { receivedAt: Date };

export interface InboxQuery {
  readonly limit: number;
  readonly before?: string;
  readonly from?: string;
  readonly since?: Date;
  readonly until?: Date;
}

/** The recipient's copies in MongoDB; the only code of client-b that touches the model. */
@Injectable()
export class ReceivedMessageRepository {
  constructor(@InjectModel(StoredMessage.name) private readonly model: Model<StoredMessage>) {}

  /**
   * Stores a batch with one unordered bulk insert. Returns, per message,
   * 'inserted', 'already-stored' (a redelivery), or the MongoDB error
   * translated into our error classes, whose `retriable` flag says what next.
   */
  async saveMany(messages: NewReceivedMessage[], receivedAt: Date): Promise<InsertResult[]> {
    if (messages.length === 0) return [];
    const documents = messages.map((message) => inboxCopy(message, receivedAt));
    const results = await bulkInsertResults(() => this.model.insertMany(documents, { ordered: false, lean: true }), documents.length);
    return results.map((error) => (error === undefined ? 'inserted' : translateWriteError(error)));
  }

  /** Messages stored after `position`, oldest first: what a reconnecting stream missed. */
  async after(position: InboxPosition, limit: number): Promise<StoredInboxMessage[]> {
    const filter: FilterQuery<StoredMessage> = {
      mailbox: INBOX_MAILBOX,
      $or: [{ receivedAt: { $gt: position.receivedAt } }, { receivedAt: position.receivedAt, _id: { $gt: position.id } }],
    };
    return this.model.find(filter).sort({ receivedAt: 1, _id: 1 }).limit(limit).lean<StoredInboxMessage[]>().exec();
  }

  /** When each of these messages was stored in the inbox, for those that are. */
  async storedAt(messageIds: readonly string[]): Promise<Map<string, Date>> {
    if (messageIds.length === 0) return new Map();
    const ids = messageIds.map((messageId) => messageKey(INBOX_MAILBOX, messageId));
    const found = await this.model
      .find({ _id: { $in: ids } }, { messageId: 1, receivedAt: 1 })
      .lean<{ messageId: string; receivedAt: Date }[]>()
      .exec();
    return new Map(found.map(({ messageId, receivedAt }) => [messageId, receivedAt]));
  }

  /** A page of the inbox, newest stored first (the index `inbox_page` serves this order). */
  async page(query: InboxQuery): Promise<StoredInboxMessage[]> {
    const filter: FilterQuery<StoredMessage> = { mailbox: INBOX_MAILBOX };
    if (query.from !== undefined) filter.from = query.from;
    const receivedAt: Record<string, Date> = {};
    if (query.since) receivedAt.$gte = query.since;
    if (query.until) receivedAt.$lt = query.until;
    if (Object.keys(receivedAt).length > 0) filter.receivedAt = receivedAt;
    const before = query.before === undefined ? undefined : decodeInboxCursor(query.before);
    if (before) {
      filter.$or = [{ receivedAt: { $lt: before.receivedAt } }, { receivedAt: before.receivedAt, _id: { $lt: before.id } }];
    }
    return this.model.find(filter).sort({ receivedAt: -1, _id: -1 }).limit(query.limit).lean<StoredInboxMessage[]>().exec();
  }
}

/**
 * The document a message becomes in the inbox. Its identity is the primary
 * key: a redelivery collides on the index every server serves fastest.
 */
export function inboxCopy(message: NewReceivedMessage, receivedAt: Date): StoredInboxMessage {
  return { _id: messageKey(INBOX_MAILBOX, message.messageId), ...message, mailbox: INBOX_MAILBOX, receivedAt };
}
