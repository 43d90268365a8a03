import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Kafka } from 'kafkajs';
import { KafkaHealth } from './admin/kafka.health';
import { ConsumerLagReader } from './admin/consumer-lag.reader';
import { SharedAdmin } from './admin/shared-admin';
import { TopicProvisioner } from './admin/topic.provisioner';
import { KafkaMetrics } from './metrics/kafka.metrics';
import { createKafkaClient } from './client/create-kafka-client';
import { KafkaConsumerFactory } from './consumer/kafka-consumer.factory';
import { KAFKA_CLIENT } from './kafka.constants';
import { ConfigurableKafkaModule, KAFKA_MODULE_OPTIONS } from './kafka.module-definition';
import { KafkaModuleOptions } from './kafka-module-options.interface';
import { RecordProducer } from './producer/record.producer';
import { TopicRangeReader } from './reader/topic-range.reader';

/**
 * The Kafka connection of a service: one kafkajs client (kept inside this
 * library), an acks=all producer, the consumer factory, the topic provisioner, and the
 * read-only operator tools (a reader of offset ranges, a consumer-lag reader). Register with `KafkaModule.registerAsync({ useFactory, inject })`.
 */
@Module({
  imports: [TerminusModule],
  providers: [
    {
      provide: KAFKA_CLIENT,
      useFactory: (options: KafkaModuleOptions): Kafka => createKafkaClient(options),
      inject: [KAFKA_MODULE_OPTIONS],
    },
    RecordProducer,
    KafkaConsumerFactory,
    KafkaHealth,
    KafkaMetrics,
    SharedAdmin,
    TopicProvisioner,
    SharedAdmin,
    TopicRangeReader,
    ConsumerLagReader,
  ],
  exports: [
    KAFKA_MODULE_OPTIONS,
    RecordProducer,
    KafkaConsumerFactory,
    KafkaHealth,
    TopicProvisioner,
    TopicRangeReader,
    ConsumerLagReader,
  ],
})
export class KafkaModule extends ConfigurableKafkaModule {}
