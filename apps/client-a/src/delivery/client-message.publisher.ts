import { MESSAGING_TOPICS } from '@app/config';
import { CORRELATION_ID_HEADER, MESSAGE_ID_HEADER, MessagingTopics } from '@app/contracts';
import { OutgoingRecord, RecordProducer, withTimeout } from '@app/kafka';
import { Inject, Injectable } from '@nestjs/common';
import type { AcceptedMessage } from './outbox-entry.repository';

/** Produces messages to the main topic; resolves once every in-sync replica has them. */
@Injectable()
export class ClientMessagePublisher {
  constructor(
    private readonly producer: RecordProducer,
    @Inject(MESSAGING_TOPICS) private readonly topics: MessagingTopics,
  ) {}

  /**
   * Publishes in the given order (one recipient's messages share a partition,
   * so they keep it), failing with KafkaTimeoutError past `timeoutMs`. A send
   * that times out may still land later: downstream deduplication by messageId
   * makes a second publish harmless.
   */
  async publish(messages: readonly AcceptedMessage[], timeoutMs: number): Promise<void> {
    const send = this.producer.send(this.topics.messages, messages.map(toRecord));
    // Settled by the race below or ignored: a late failure must not become an unhandled rejection.
    send.catch(() => undefined);
    await withTimeout(send, timeoutMs, `publishing ${messages.length} message(s)`);
  }
}

function toRecord(message: AcceptedMessage): OutgoingRecord {
  // The correlation id is the request's, not the message's: a header, not part of the value.
  const { correlationId, ...payload } = message;
  const headers: Record<string, string> = { [MESSAGE_ID_HEADER]: payload.messageId };
  if (correlationId !== undefined) headers[CORRELATION_ID_HEADER] = correlationId;
  // Keyed by recipient: one recipient's messages share a partition and keep their order.
  return { key: payload.to, value: JSON.stringify(payload), headers };
}
