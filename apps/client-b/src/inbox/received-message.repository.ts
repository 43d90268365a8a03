import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { INBOX_MAILBOX, ReceivedMessage } from './received-message.schema';

export type NewReceivedMessage = Omit<ReceivedMessage, '_id' | 'mailbox' | 'receivedAt'>;

interface BulkWriteErrorLike extends Error {
  writeErrors?: WriteErrorLike[];
  result?: { insertedCount?: number };
}

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
    // A deterministic _id makes the copy's identity the primary key itself: a redelivery
    // collides on the one index every MongoDB-compatible server serves fastest.
    const documents = messages.map((message) => ({
      _id: `${INBOX_MAILBOX}:${message.messageId}`,
      ...message,
      mailbox: INBOX_MAILBOX,
      receivedAt,
    }));
    try {
      await this.model.insertMany(documents, { ordered: false, lean: true });
      return messages.map(() => undefined);
    } catch (error) {
      return perDocumentResults(error as BulkWriteErrorLike, messages.length);
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

/**
 * Per-document results are trusted only when the server accounted for every
 * document (inserted + rejected = sent). A network error arrives as a bulk
 * error with no write errors: then nothing is known, and every document failed.
 */
function perDocumentResults(error: BulkWriteErrorLike, count: number): (Error | undefined)[] {
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [];
  const inserted = error.result?.insertedCount ?? 0;
  if (writeErrors.length === 0 || inserted + writeErrors.length !== count) return Array.from({ length: count }, () => error);
  const results: (Error | undefined)[] = Array.from({ length: count }, () => undefined);
  for (const writeError of writeErrors) results[writeError.index] = toError(writeError);
  return results;
}

function toError(writeError: WriteErrorLike): Error {
  const error = new Error(writeError.err?.errmsg ?? writeError.errmsg ?? 'write error') as Error & { code?: number };
  error.name = 'MongoWriteError';
  error.code = writeError.err?.code ?? writeError.code;
  return error;
}
