import { ClientMessagePayload, MESSAGE_ID_HEADER, MessagingTopics } from '@app/contracts';
import { RecordProducer } from '@app/kafka';
import { Inject, Injectable } from '@nestjs/common';
import { MESSAGING_TOPICS } from '@app/config';

/** Produces a message to the main topic; resolves once every in-sync replica has it. */
@Injectable()
export class ClientMessagePublisher {
  constructor(
    private readonly producer: RecordProducer,
    @Inject(MESSAGING_TOPICS) private readonly topics: MessagingTopics,
  ) {}

  async publish(payload: ClientMessagePayload): Promise<void> {
    await this.producer.send(this.topics.messages, [
      {
        // Keyed by recipient: one recipient's messages share a partition and keep their order.
        key: payload.to,
        value: JSON.stringify(payload),
        headers: { [MESSAGE_ID_HEADER]: payload.messageId },
      },
    ]);
  }
}
