import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { duplicateTolerantInsert, messageKey, OUTBOX_MAILBOX, StoredMessage } from '@app/mongo';

export interface NewSentMessage {
  messageId: string;
  from: string;
  to: string;
  message: string;
  timestamp: Date;
}

export type SentMessageView = Pick<StoredMessage, 'messageId' | 'from' | 'to' | 'message' | 'timestamp'>;

const VIEW = { _id: 0, messageId: 1, from: 1, to: 1, message: 1, timestamp: 1 };

/**
 * The sender's copies in MongoDB; the only code of client-a that touches
 * their model. Copies are inserted, never updated: where a message got to is
 * recorded as status steps. Every call is bounded by the connection's socket
 * and server-selection timeouts (MONGODB_TIMEOUT_MS).
 */
@Injectable()
export class SentMessageRepository {
  constructor(@InjectModel(StoredMessage.name) private readonly model: Model<StoredMessage>) {}

  /** Stores copies with one bulk insert; per message, false when its copy already existed. */
  async insertMany(messages: readonly NewSentMessage[]): Promise<boolean[]> {
    if (messages.length === 0) return [];
    const documents = messages.map((message) => ({
      _id: messageKey(OUTBOX_MAILBOX, message.messageId),
      ...message,
      mailbox: OUTBOX_MAILBOX,
    }));
    return duplicateTolerantInsert(
      () => this.model.insertMany(documents, { ordered: false, lean: true }),
      documents.length,
    );
  }

  async findOne(messageId: string): Promise<SentMessageView | null> {
    return this.model.findById(messageKey(OUTBOX_MAILBOX, messageId), VIEW).lean<SentMessageView>().exec();
  }
}
