import { CLIENT_MESSAGES_TOPIC, MessagingTopics } from '@app/contracts';
import { InboundRecord, KafkaBatchContext, RecordOutcome, KafkaConsumerFactory, RetryTopicServer } from '@app/kafka';
import { Controller, Provider } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { InboxService } from './inbox.service';
import { kafkaTimeouts, MESSAGING_TOPICS } from '@app/config';
import { ClientBEnvironment } from '../config/client-b.environment';
import { DeliveryReceiptPublisher } from '../receipts/delivery-receipt.publisher';
import { RecentFailures } from './recent-failures';

/** SIGTERM must end the process within 10 s; the consumer gets most of it. */
const SHUTDOWN_TIMEOUT_MS = 8000;

/** The consumer transport, configured from client-b's environment. */
export const retryTopicServerProvider: Provider = {
  provide: RetryTopicServer,
  useFactory: (
    consumers: KafkaConsumerFactory,
    env: ClientBEnvironment,
    topics: MessagingTopics,
    receipts: DeliveryReceiptPublisher,
    recentFailures: RecentFailures,
  ) =>
    consumers.retryTopicServer({
      groupId: env.KAFKA_GROUP_ID,
      topics,
      handlerPattern: CLIENT_MESSAGES_TOPIC,
      policy: { baseDelayMs: env.RETRY_BASE_DELAY_MS, maxRetries: env.maxRetries },
      maxHeldRecords: env.RETRY_MAX_HELD_RECORDS,
      sessionTimeoutMs: kafkaTimeouts(env).sessionTimeoutMs,
      requestTimeoutMs: env.KAFKA_REQUEST_TIMEOUT_MS,
      transactionalId: env.forwardTransactionalId,
      shutdownTimeoutMs: SHUTDOWN_TIMEOUT_MS,
      onDeadLettered: (failures) => receipts.deadLettered(failures),
      onForwarded: (forwarded) => recentFailures.add(forwarded),
    }),
  inject: [KafkaConsumerFactory, ClientBEnvironment, MESSAGING_TOPICS, DeliveryReceiptPublisher, RecentFailures],
};

/** Receives each fetched batch of the main and retry topics from the RetryTopicServer transport. */
@Controller()
export class InboxHandler {
  constructor(private readonly inbox: InboxService) {}

  @EventPattern(CLIENT_MESSAGES_TOPIC)
  handle(@Payload() records: InboundRecord[], @Ctx() _context: KafkaBatchContext): Promise<RecordOutcome[]> {
    return this.inbox.receive(records);
  }
}
