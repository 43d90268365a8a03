import { mayHaveBeenApplied } from '@app/mongo';
import { Injectable } from '@nestjs/common';
import type { AcceptedMessage } from './outbox-entry.repository';
import { OutboxEntryRepository } from './outbox-entry.repository';
import { SentMessageRepository } from './sent-message.repository';
import { MAX_MESSAGES_PER_WRITE, WriteCoalescer } from './write.coalescer';

/** A round's failure whose outcome is unknown: the copies may have been stored. */
class CopiesOutcomeUnknown extends Error {}

export type WriteResult = 'stored' | 'already-stored';

/**
 * The message was not stored and will never be delivered: the database
 * refused or never received the write, or the publish backlog is full.
 */
export class MessageNotStoredError extends Error {
  override readonly name: string = 'MessageNotStoredError';

  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
  }
}

/**
 * The write of the message's copy was sent but not confirmed (a timeout or a
 * lost connection): it may be stored, and then it will be delivered.
 * `GET /messages/:id` tells which, once the database answers again.
 */
export class StorageOutcomeUnknownError extends Error {
  override readonly name = 'StorageOutcomeUnknownError';

  constructor(
    readonly messageId: string,
    options?: { cause?: unknown },
  ) {
    super(`the database did not confirm whether message ${messageId} was stored`, options);
  }
}

/**
 * Makes accepted messages durable before they are published: their outbox
 * entries (the relay's work list), then their sender's copies. Concurrent
 * requests share one bulk insert of each. A message counts as accepted once
 * its copy exists: an entry without a copy is a refused request's, and the
 * relay drops it instead of publishing it.
 */
@Injectable()
export class AcceptedMessageWriter {
  private readonly coalescer = new WriteCoalescer(
    (payloads: AcceptedMessage[]) => this.writeRound(payloads),
    MAX_MESSAGES_PER_WRITE,
  );

  constructor(
    private readonly outbox: OutboxEntryRepository,
    private readonly copies: SentMessageRepository,
  ) {}

  /**
   * Rejects with MessageNotStoredError when the copy was certainly not stored,
   * and with StorageOutcomeUnknownError when it may have been.
   */
  async write(payload: AcceptedMessage): Promise<WriteResult> {
    try {
      return await this.coalescer.submit(payload);
    } catch (error) {
      if (error instanceof CopiesOutcomeUnknown)
        throw new StorageOutcomeUnknownError(payload.messageId, { cause: error.cause });
      throw error;
    }
  }

  private async writeRound(payloads: AcceptedMessage[]): Promise<WriteResult[]> {
    try {
      await this.outbox.addMany(payloads);
    } catch (error) {
      // No copy is written after this: even an entry that lands later is never published.
      throw new MessageNotStoredError(`outbox entries not written: ${(error as Error).message}`, { cause: error });
    }
    try {
      const inserted = await this.copies.insertMany(payloads.map(toCopy));
      return inserted.map((isNew) => (isNew ? 'stored' : 'already-stored'));
    } catch (error) {
      if (mayHaveBeenApplied(error)) throw new CopiesOutcomeUnknown((error as Error).message, { cause: error });
      throw new MessageNotStoredError(`copies not written: ${(error as Error).message}`, { cause: error });
    }
  }
}

function toCopy({ messageId, from, to, message, acceptedAt }: AcceptedMessage) {
  return { messageId, from, to, message, timestamp: new Date(acceptedAt) };
}
