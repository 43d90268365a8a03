import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { INBOX_MAILBOX, ReceivedMessage } from './received-message.schema';

export type NewReceivedMessage = Omit<ReceivedMessage, 'mailbox' | 'receivedAt'>;

// The driver's WriteError exposes code/errmsg as getters; Mongoose's insertMany
// wraps them as { err: { code, errmsg }, index }. Both shapes are read.
interface WriteErrorLike {
  index: number;
  code?: number;
  errmsg?: string;
  err?: { code?: number; errmsg?: string };
}

/** The recipient's copies in MongoDB; the only code of client-b that touches the model. */
@Injectable()
export class ReceivedMessageRepository {
  constructor(@InjectModel(ReceivedMessage.name) private readonly model: Model<ReceivedMessage>) {}

  /**
   * Stores a batch with one unordered bulk insert. Returns, per message,
   * undefined when stored or the error that stopped it (a duplicate-key
   * error means it was stored before).
   */
  async saveMany(messages: NewReceivedMessage[]): Promise<(Error | undefined)[]> {
    if (messages.length === 0) return [];
    const receivedAt = new Date();
    const documents = messages.map((message) => ({ ...message, mailbox: INBOX_MAILBOX, receivedAt }));
    try {
      await this.model.insertMany(documents, { ordered: false, lean: true });
      return messages.map(() => undefined);
    } catch (error) {
      const writeErrors = (error as { writeErrors?: WriteErrorLike[] }).writeErrors;
      if (!Array.isArray(writeErrors)) return messages.map(() => error as Error);
      const results: (Error | undefined)[] = messages.map(() => undefined);
      for (const writeError of writeErrors) results[writeError.index] = toError(writeError);
      return results;
    }
  }

  async findRecent(limit: number): Promise<ReceivedMessage[]> {
    return this.model
      .find({ mailbox: INBOX_MAILBOX }, { _id: 0 })
      .sort({ receivedAt: -1 })
      .limit(limit)
      .lean()
      .exec();
  }
}

function toError(writeError: WriteErrorLike): Error {
  const error = new Error(writeError.err?.errmsg ?? writeError.errmsg ?? 'write error') as Error & { code?: number };
  error.name = 'MongoWriteError';
  error.code = writeError.err?.code ?? writeError.code;
  return error;
}
