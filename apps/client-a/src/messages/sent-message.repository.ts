import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKeyError } from './is-duplicate-key-error';
import { OUTBOX_MAILBOX, SentMessage, sentMessageKey } from './sent-message.schema';

export interface NewSentMessage {
  messageId: string;
  from: string;
  to: string;
  message: string;
  timestamp: Date;
}

export type SentMessageView = Pick<
  SentMessage,
  'messageId' | 'from' | 'to' | 'message' | 'timestamp' | 'status' | 'sentAt'
>;

const VIEW = { _id: 0, messageId: 1, from: 1, to: 1, message: 1, timestamp: 1, status: 1, sentAt: 1 };

/**
 * The sender's copies in MongoDB; the only code of client-a that touches
 * their model. Every call is bounded by the connection's socket and
 * server-selection timeouts (MONGODB_TIMEOUT_MS).
 */
@Injectable()
export class SentMessageRepository {
  constructor(@InjectModel(SentMessage.name) private readonly model: Model<SentMessage>) {}

  /** Stores a message as pending; false when its copy already exists. */
  async insertPending(message: NewSentMessage): Promise<boolean> {
    const document = { _id: sentMessageKey(message.messageId), ...message, mailbox: OUTBOX_MAILBOX };
    try {
      await this.model.create({ ...document, status: 'pending' });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async findOne(messageId: string): Promise<SentMessageView | null> {
    return this.model.findById(sentMessageKey(messageId), VIEW).lean<SentMessageView>().exec();
  }

  /** The request's own publish was acknowledged. */
  async markSent(messageId: string, at: Date): Promise<void> {
    await this.model
      .updateOne({ _id: sentMessageKey(messageId), status: 'pending' }, { $set: { status: 'sent', sentAt: at } })
      .exec();
  }
}
