import { Inject, Injectable } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { KAFKA_CLIENT } from '../kafka.constants';
import { KafkaMetrics } from '../metrics/kafka.metrics';
import { RecordProducer } from '../producer/record.producer';
import { RetryTopicServer } from './retry-topic.server';
import { RetryTopicServerOptions } from './retry-topic-server-options';
import { TopicConsumer } from './topic.consumer';
import { TopicConsumerOptions } from './topic-consumer-options';

/**
 * Where apps get their consumers: every one of them runs on GroupConsumerLoop
 * over the service's one Kafka client, which stays inside this library.
 */
@Injectable()
export class KafkaConsumerFactory {
  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly producer: RecordProducer,
    private readonly metrics: KafkaMetrics,
  ) {}

  /** A side-flow consumer: at least once, a failed batch handed over again. */
  topicConsumer(options: TopicConsumerOptions): TopicConsumer {
    this.metrics.watchLag(options.groupId, options.topics);
    return new TopicConsumer(this.kafka, options);
  }

  /** The message flow's consumer: main and retry topic, manual commits, retries and dead letters. */
  retryTopicServer(options: RetryTopicServerOptions): RetryTopicServer {
    const server = new RetryTopicServer(this.kafka, this.producer, options, this.metrics);
    this.metrics.watchLag(options.groupId, [options.topics.messages, options.topics.retry]);
    this.metrics.watchHeld(() => server.heldRecords());
    return server;
  }
}
