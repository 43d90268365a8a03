import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKeyError } from './is-duplicate-key-error';
import { MessageStatus, MessageStatusChange, statusChangeKey } from './message-status.schema';

export type StatusChange = Omit<MessageStatusChange, '_id'>;

const ALL_STATUSES: MessageStatus[] = ['pending', 'sent', 'delivered', 'ignored', 'dead-lettered'];

interface BulkWriteErrorLike {
  writeErrors?: { code?: number; err?: { code?: number } }[];
  result?: { insertedCount?: number };
}

/** The steps of messages' lives; the only code that touches their model. */
@Injectable()
export class MessageStatusRepository {
  constructor(@InjectModel(MessageStatusChange.name) private readonly model: Model<MessageStatusChange>) {}

  /** Records steps with one unordered insert; steps recorded before are skipped. */
  async record(changes: StatusChange[]): Promise<void> {
    if (changes.length === 0) return;
    const documents = changes.map((change) => ({ _id: statusChangeKey(change.messageId, change.status), ...change }));
    try {
      await this.model.insertMany(documents, { ordered: false, lean: true });
    } catch (error) {
      if (!onlyDuplicates(error as BulkWriteErrorLike, documents.length)) throw error;
    }
  }

  /** Every recorded step of one message, by primary key. */
  async findFor(messageId: string): Promise<StatusChange[]> {
    const ids = ALL_STATUSES.map((status) => statusChangeKey(messageId, status));
    return this.model.find({ _id: { $in: ids } }, { _id: 0 }).lean<StatusChange[]>().exec();
  }
}

// Trusted only when the server accounted for every document, as client-b's inbox does.
function onlyDuplicates(error: BulkWriteErrorLike, count: number): boolean {
  if (count === 1 && isDuplicateKeyError(error)) return true;
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [];
  const inserted = error.result?.insertedCount ?? 0;
  if (writeErrors.length === 0 || inserted + writeErrors.length !== count) return false;
  return writeErrors.every((writeError) => isDuplicateKeyError(writeError.err ?? writeError));
}
