import { kafkaTimeouts, MESSAGING_TOPICS } from '@app/config';
import { CLIENT_MESSAGES_TOPIC, MessagingTopics } from '@app/contracts';
import { KafkaConsumerFactory, RetryTopicServer } from '@app/kafka';
import { Provider } from '@nestjs/common';
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
