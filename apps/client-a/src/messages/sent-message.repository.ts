import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OUTBOX_MAILBOX, SentMessage, SentMessageStatus } from './sent-message.schema';

export interface NewSentMessage {
  messageId: string;
  from: string;
  to: string;
  message: string;
  timestamp: Date;
}

/** The sender's copies in MongoDB; the only code of client-a that touches the model. */
@Injectable()
export class SentMessageRepository {
  constructor(@InjectModel(SentMessage.name) private readonly model: Model<SentMessage>) {}

  async insertPending(message: NewSentMessage): Promise<void> {
    await this.model.create({ ...message, mailbox: OUTBOX_MAILBOX, status: 'pending' });
  }

  async markStatus(messageId: string, status: SentMessageStatus): Promise<void> {
    const sentAt = status === 'sent' ? new Date() : undefined;
    await this.model.updateOne({ messageId, mailbox: OUTBOX_MAILBOX }, { $set: { status, sentAt } }).exec();
  }
}
