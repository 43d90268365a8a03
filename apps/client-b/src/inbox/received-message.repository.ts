import {
  bulkInsertResults,
  INBOX_MAILBOX,
  InsertResult,
  messageKey,
  StoredMessage,
  translateWriteError,
} from '@app/mongo';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model, QueryWithHelpers } from 'mongoose';
import { decodeInboxCursor, InboxPosition } from './inbox-message.view';

export type NewReceivedMessage = Omit<StoredMessage, '_id' | 'mailbox' | 'receivedAt'>;
export type StoredInboxMessage = StoredMessage & { receivedAt: Date };

/**
 * Documents fetched per round trip when a page or a replay is read one by one:
 * one cut short by its byte budget holds at most this many more (messages are
 * at most 16,384 characters, so a batch is at most a few MB).
 */
const READ_BATCH = 50;

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
    const results = await bulkInsertResults(
      () => this.model.insertMany(documents, { ordered: false, lean: true }),
      documents.length,
    );
    return results.map((error) => (error === undefined ? 'inserted' : translateWriteError(error)));
  }

  /**
   * Messages stored after `position`, oldest first: what a reconnecting stream
   * missed. Read as they are consumed; leaving the loop closes the cursor.
   */
  after(position: InboxPosition, limit: number): AsyncGenerator<StoredInboxMessage> {
    const filter: FilterQuery<StoredMessage> = {
      mailbox: INBOX_MAILBOX,
      $or: [
        { receivedAt: { $gt: position.receivedAt } },
        { receivedAt: position.receivedAt, _id: { $gt: position.id } },
      ],
    };
    return readOneByOne(this.model.find(filter).sort({ receivedAt: 1, _id: 1 }).limit(limit));
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

  /**
   * A page of the inbox, newest stored first (the index `inbox_page` serves
   * this order), read as it is consumed; leaving the loop closes the cursor.
   */
  page(query: InboxQuery): AsyncGenerator<StoredInboxMessage> {
    const filter: FilterQuery<StoredMessage> = { mailbox: INBOX_MAILBOX };
    if (query.from !== undefined) filter.from = query.from;
    const receivedAt: Record<string, Date> = {};
    if (query.since) receivedAt.$gte = query.since;
    if (query.until) receivedAt.$lt = query.until;
    if (Object.keys(receivedAt).length > 0) filter.receivedAt = receivedAt;
    const before = query.before === undefined ? undefined : decodeInboxCursor(query.before);
    if (before) {
      filter.$or = [
        { receivedAt: { $lt: before.receivedAt } },
        { receivedAt: before.receivedAt, _id: { $lt: before.id } },
      ];
    }
    return readOneByOne(this.model.find(filter).sort({ receivedAt: -1, _id: -1 }).limit(query.limit));
  }
}

// A cursor rather than one array: a reader that stops (its budget spent, its client gone) reads no further.
async function* readOneByOne(query: QueryWithHelpers<unknown, StoredMessage>): AsyncGenerator<StoredInboxMessage> {
  const cursor = query.lean<StoredInboxMessage>().cursor({ batchSize: READ_BATCH });
  try {
    for (let next = await cursor.next(); next !== null; next = await cursor.next()) yield next;
  } finally {
    await cursor.close();
  }
}

/**
 * The document a message becomes in the inbox. Its identity is the primary
 * key: a redelivery collides on the index every server serves fastest.
 */
export function inboxCopy(message: NewReceivedMessage, receivedAt: Date): StoredInboxMessage {
  return { _id: messageKey(INBOX_MAILBOX, message.messageId), ...message, mailbox: INBOX_MAILBOX, receivedAt };
}
