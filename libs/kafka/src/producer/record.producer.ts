import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
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
 * kafkajs resends a failed produce request this many times, under the same
 * producer id and sequence numbers, so the broker drops a copy it already wrote.
 */
const PRODUCE_RETRY = { retries: 5, initialRetryTime: 300, maxRetryTime: 5000 } as const;
/** The most kafkajs waits between its attempts in all (300 ms doubling, ±20 %, capped). */
const PRODUCE_RETRY_WAITS_MS = 12_000;

/**
 * Produces records with acks=all and an idempotent producer, so a retried
 * send never writes a record twice and records of one key stay in order.
 * Concurrent sends are coalesced into one request (see ProduceBatcher).
 *
 * kafkajs never re-initialises an idempotent producer: when a send fails for
 * good it rolls its sequence numbers back, though the broker may have written
 * the request (a timeout), and from then on every produce fails with "out of
 * order sequence number" (and likewise after an epoch or unknown-producer-id
 * error). So after any failed send the producer is replaced: the old one is
 * disconnected and the next send connects a new one, which gets a new producer
 * id with sequence numbers from 0 (what the Java client does by bumping the
 * epoch). The caller's send still rejects, and it sends again; records of the
 * failed send that the broker did write are then written twice (at least once).
 */
@Injectable()
export class RecordProducer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RecordProducer.name);
  private producer: Producer;
  private readonly batcher: ProduceBatcher;
  /** Records' bytes one produce request may carry (see recordSizeInBytes); a larger record can never be sent. */
  readonly maxRecordsBytes: number;
  private connection?: Promise<void>;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly options: KafkaModuleOptions,
    private readonly metrics: KafkaMetrics,
  ) {
    this.producer = this.createProducer();
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

  // The batcher sends one batch at a time, so no send overlaps a failed one or a replacement.
  private async sendBatch(batch: TopicRecords[]): Promise<void> {
    await this.connect();
    const producer = this.producer;
    const count = batch.reduce((sum, { records }) => sum + records.length, 0);
    const acknowledged = this.metrics.produceTimer();
    const sending = producer.sendBatch({
      acks: ACKS_ALL,
      timeout: this.options.requestTimeoutMs,
      topicMessages: batch.map(({ topic, records }) => ({
        topic,
        // kafkajs' types want mutable headers; it does not change them.
        messages: records as Message[],
      })),
    });
    try {
      await withTimeout(sending, this.sendBoundMs(), `producing ${count} record(s)`);
    } catch (error) {
      await this.replace(producer, sending, error as Error);
      throw error;
    }
    acknowledged();
  }

  /** kafkajs' own schedule at worst: each attempt a produce and a metadata request, a reconnect, and the waits between. */
  private sendBoundMs(): number {
    const attempt = 2 * this.options.requestTimeoutMs + this.options.connectionTimeoutMs;
    return (PRODUCE_RETRY.retries + 1) * attempt + PRODUCE_RETRY_WAITS_MS;
  }

  // Every step bounded: the failed send (should our bound have fired first) and the disconnect.
  private async replace(failed: Producer, sending: Promise<unknown>, error: Error): Promise<void> {
    if (failed !== this.producer) return;
    this.producer = this.createProducer();
    this.connection = undefined;
    this.metrics.producerReplaced();
    this.logger.warn(
      `A produce failed (${error.message}): its sequence numbers are unknown now, so the next send uses a new producer id`,
    );
    const settled = sending.then(
      () => undefined,
      () => undefined,
    );
    await withTimeout(settled, this.options.requestTimeoutMs, 'the failed produce to settle').catch(() => undefined);
    await withTimeout(failed.disconnect(), this.options.connectionTimeoutMs, 'disconnecting the failed producer').catch(
      () => undefined,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }

  private createProducer(): Producer {
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: PRODUCE_RETRY,
      // The Java client's partitioner: a key lands on the same partition whoever produces it.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    producer.on(producer.events.DISCONNECT, () => {
      if (producer === this.producer) this.connection = undefined;
    });
    return producer;
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
