import { kafkaTimeouts, MESSAGING_TOPICS } from '@app/config';
import { MessagingTopics, parseDeliveryReceipt } from '@app/contracts';
import { InboundRecord, KafkaConsumerFactory, TopicConsumer } from '@app/kafka';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import { ClientAEnvironment } from '../config/client-a.environment';
import { finalStatusOf } from './receipt.recorder';
import { ReceiptWaiters } from './receipt.waiters';

const RETRY_DELAY_MS = 1000;

/**
 * Hears every delivery receipt as it arrives, for the requests of this
 * instance that wait for one (`Prefer: wait`). Each instance reads in a group
 * of its own, from the newest record on, so a receipt reaches the waiting
 * request whichever instance it waits in; recording receipts is
 * ReceiptConsumer's, in the shared group.
 */
@Injectable()
export class ReceiptListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: TopicConsumer;

  constructor(
    consumers: KafkaConsumerFactory,
    @Inject(MESSAGING_TOPICS) topics: MessagingTopics,
    env: ClientAEnvironment,
    private readonly waiters: ReceiptWaiters,
  ) {
    this.consumer = consumers.topicConsumer({
      // Stable across restarts of one instance, so its group is reused rather than left behind.
      groupId: `${env.RECEIPTS_GROUP_ID}-listener-${hostname()}-${env.PORT}`,
      topics: [topics.status],
      sessionTimeoutMs: kafkaTimeouts(env).sessionTimeoutMs,
      requestTimeoutMs: env.KAFKA_REQUEST_TIMEOUT_MS,
      retryDelayMs: RETRY_DELAY_MS,
      fromBeginning: false,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // A receipt that came before the group was joined would be missed by a waiting request.
    await this.consumer.start((records) => this.hear(records), { awaitAssignment: true });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }

  private hear(records: InboundRecord[]): void {
    for (const record of records) {
      const receipt = parseDeliveryReceipt(record.value);
      if (receipt) this.waiters.settle(receipt.messageId, finalStatusOf(receipt.status));
    }
  }
}
