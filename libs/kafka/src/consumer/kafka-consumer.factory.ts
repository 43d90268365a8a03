import { Inject, Injectable } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { KAFKA_CLIENT } from '../kafka.constants';
import { KAFKA_MODULE_OPTIONS } from '../kafka.module-definition';
import { KafkaModuleOptions } from '../kafka-module-options.interface';
import { KafkaMetrics } from '../metrics/kafka.metrics';
import { RecordProducer } from '../producer/record.producer';
import { RetryTopicServer } from './retry-topic.server';
import { RetryTopicServerOptions } from './retry-topic-server-options';
import { TopicConsumer } from './topic.consumer';
import { TopicConsumerOptions } from './topic-consumer-options';

const MIN_TRANSACTION_TIMEOUT_MS = 30_000;

/**
 * Where apps get their consumers: every one of them runs on GroupConsumerLoop
 * over the service's one Kafka client, which stays inside this library.
 */
@Injectable()
export class KafkaConsumerFactory {
  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly options: KafkaModuleOptions,
    private readonly producer: RecordProducer,
    private readonly metrics: KafkaMetrics,
  ) {}

  /** A side-flow consumer: at least once, a failed batch handed over again. */
  topicConsumer(options: TopicConsumerOptions): TopicConsumer {
    this.metrics.watchLag(options.groupId, options.topics);
    return new TopicConsumer(this.kafka, options);
  }

  /**
   * The message flow's consumer: main and retry topic, manual commits, retries and dead letters.
   * With a `transactionalId` its forwards get a transactional producer of their own (the server's to
   * connect and close); without, they share the service's producer (at least once).
   */
  retryTopicServer(options: RetryTopicServerOptions): RetryTopicServer {
    const forwards = options.transactionalId ? this.transactionalProducer(options.transactionalId) : undefined;
    const server = new RetryTopicServer(
      this.kafka,
      forwards ?? this.producer,
      options,
      this.metrics,
      forwards !== undefined,
    );
    this.metrics.watchLag(options.groupId, [options.topics.messages, options.topics.retry]);
    this.metrics.watchHeld(() => server.heldRecords());
    return server;
  }

  // Longer than a healthy forward takes, short enough that a dead instance's open transaction
  // (which holds back read_committed readers of its partitions) is aborted soon by the broker.
  private transactionalProducer(transactionalId: string): RecordProducer {
    const transactionTimeoutMs = Math.max(MIN_TRANSACTION_TIMEOUT_MS, 3 * this.options.requestTimeoutMs);
    return new RecordProducer(this.kafka, this.options, this.metrics, { transactionalId, transactionTimeoutMs });
  }
}
