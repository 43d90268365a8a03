import { Injectable } from '@nestjs/common';
import { MessageStatusRepository } from './message-status.repository';
import { OutboxEntryRepository } from './outbox-entry.repository';
import { PublishedMessagesRecorder } from './published-messages.recorder';
import { SentMessageRepository } from './sent-message.repository';

/** `sent` once Kafka acknowledged the message; `pending` while the outbox relay still has to publish it. */
export type AcceptedStatus = 'pending' | 'sent';

/** What an idempotent replay answers: where an earlier request's message got to. */
@Injectable()
export class AcceptedMessageLookup {
  constructor(
    private readonly copies: SentMessageRepository,
    private readonly outbox: OutboxEntryRepository,
    private readonly statuses: MessageStatusRepository,
    private readonly recorder: PublishedMessagesRecorder,
  ) {}

  /** The message's status, or undefined when no copy of it was stored. */
  async statusOf(messageId: string): Promise<AcceptedStatus | undefined> {
    if (!(await this.copies.findOne(messageId))) return undefined;
    return (await this.isPublished(messageId)) ? 'sent' : 'pending';
  }

  // Published by whichever publisher: this instance a moment ago, another one, or the relay.
  private async isPublished(messageId: string): Promise<boolean> {
    if (this.recorder.publishedAt(messageId)) return true;
    const steps = await this.statuses.findFor(messageId);
    if (steps.some(({ status }) => status !== 'pending')) return true;
    return !(await this.outbox.has(messageId));
  }
}
