import { ClientMessagePayload } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { OutboxEntryRepository } from './outbox-entry.repository';
import { SentMessageRepository } from './sent-message.repository';
import { MAX_MESSAGES_PER_WRITE } from './write-batching.constants';
import { WriteCoalescer } from './write.coalescer';

/**
 * Makes accepted messages durable before they are published: their outbox
 * entries (the promise to deliver them), then their sender's copies.
 * Concurrent requests share one bulk insert of each, so the database does two
 * writes per round, not two per request.
 */
@Injectable()
export class PendingMessageWriter {
  private readonly coalescer = new WriteCoalescer((payloads: ClientMessagePayload[]) => this.writeRound(payloads), MAX_MESSAGES_PER_WRITE);

  constructor(
    private readonly outbox: OutboxEntryRepository,
    private readonly copies: SentMessageRepository,
  ) {}

  /** Resolves once the message is durable: true when stored now, false when its copy existed already. */
  write(payload: ClientMessagePayload): Promise<boolean> {
    return this.coalescer.submit(payload);
  }

  private async writeRound(payloads: ClientMessagePayload[]): Promise<boolean[]> {
    // The entries first: a copy that exists is always backed by an entry until it is published.
    await this.outbox.addMany(payloads);
    return this.copies.insertMany(
      payloads.map(({ messageId, from, to, message, acceptedAt }) => ({
        messageId,
        from,
        to,
        message,
        timestamp: new Date(acceptedAt),
      })),
    );
  }
}
