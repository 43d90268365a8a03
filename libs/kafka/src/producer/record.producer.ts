import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Kafka, Message, Partitioners, Producer } from 'kafkajs';
import { KAFKA_CLIENT } from '../kafka.constants';
import { KAFKA_MODULE_OPTIONS } from '../kafka.module-definition';
import { KafkaModuleOptions } from '../kafka-module-options.interface';
import { KafkaMetrics } from '../metrics/kafka.metrics';
import { withTimeout } from '../errors/with-timeout';
import { OutgoingRecord } from './outgoing-record';
import { ProduceBatcher, TopicRecords } from './produce.batcher';
import { REQUEST_HEADROOM_BYTES } from './record-size';

/** Acknowledged by every in-sync replica before a send resolves. */
const ACKS_ALL = -1;

/**
 * Produces records with acks=all and an idempotent producer, so a retried
 * send never writes a record twice and records of one key stay in order.
 * Concurrent sends are coalesced into one request (see ProduceBatcher).
 */
@Injectable()
export class RecordProducer implements OnModuleInit, OnApplicationShutdown {
  private readonly producer: Producer;
  private readonly batcher: ProduceBatcher;
  /** Records' bytes one produce request may carry (see recordSizeInBytes); a larger record can never be sent. */
  readonly maxRecordsBytes: number;
  private connection?: Promise<void>;

  constructor(
    @Inject(KAFKA_CLIENT) kafka: Kafka,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly options: KafkaModuleOptions,
    private readonly metrics: KafkaMetrics,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // The Java client's partitioner: a key lands on the same partition whoever produces it.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.producer.on(this.producer.events.DISCONNECT, () => (this.connection = undefined));
    this.maxRecordsBytes = options.maxRequestBytes - REQUEST_HEADROOM_BYTES;
    this.batcher = new ProduceBatcher((batch) => this.sendBatch(batch), this.maxRecordsBytes);
  }

  // Start-up waited for the broker before this (TopicProvisioner): a connect that fails all
  // the same is not fatal, since every send connects first.
  async onModuleInit(): Promise<void> {
    await this.connect().catch(() => undefined);
  }

  /**
   * Resolves once every record is acknowledged; rejects within the request bound otherwise,
   * and with RecordTooLargeError, sending nothing, when a record alone exceeds {@link maxRecordsBytes}.
   */
  async send(topic: string, records: readonly OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.batcher.enqueue(topic, [...records]);
  }

  private async sendBatch(batch: TopicRecords[]): Promise<void> {
    await this.connect();
    const timeoutMs = this.options.requestTimeoutMs;
    const count = batch.reduce((sum, { records }) => sum + records.length, 0);
    const acknowledged = this.metrics.produceTimer();
    await withTimeout(
      this.producer.sendBatch({
        acks: ACKS_ALL,
        timeout: timeoutMs,
        topicMessages: batch.map(({ topic, records }) => ({
          topic,
          // kafkajs' types want mutable headers; it does not change them.
          messages: records as Message[],
        })),
      }),
      timeoutMs * 2,
      `producing ${count} record(s)`,
    );
    acknowledged();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }

  // A failed connect is forgotten, so the next send tries again instead of failing forever.
  private connect(): Promise<void> {
    this.connection ??= withTimeout(
      this.producer.connect(),
      this.options.connectionTimeoutMs * 3,
      'connecting the Kafka producer',
    ).catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }
}
