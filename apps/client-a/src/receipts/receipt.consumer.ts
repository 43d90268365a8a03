import { kafkaTimeouts, MESSAGING_TOPICS } from '@app/config';
import { MessagingTopics } from '@app/contracts';
import { KafkaConsumerFactory, TopicConsumer } from '@app/kafka';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ClientAEnvironment } from '../config/client-a.environment';
import { ReceiptRecorder } from './receipt.recorder';

const RETRY_DELAY_MS = 2000;

/** Reads client-b's delivery receipts in group RECEIPTS_GROUP_ID while client-a runs. */
@Injectable()
export class ReceiptConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: TopicConsumer;

  constructor(
    consumers: KafkaConsumerFactory,
    @Inject(MESSAGING_TOPICS) topics: MessagingTopics,
    env: ClientAEnvironment,
    private readonly recorder: ReceiptRecorder,
  ) {
    this.consumer = consumers.topicConsumer({
      groupId: env.RECEIPTS_GROUP_ID,
      topics: [topics.status],
      sessionTimeoutMs: kafkaTimeouts(env).sessionTimeoutMs,
      requestTimeoutMs: env.KAFKA_REQUEST_TIMEOUT_MS,
      retryDelayMs: RETRY_DELAY_MS,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start((records) => this.recorder.record(records));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
