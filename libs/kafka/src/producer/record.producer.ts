import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { Kafka, Partitioners, Producer, ProducerBatch } from 'kafkajs';
import { KAFKA_CLIENT, RECORD_PRODUCER_TRANSACTIONS } from '../kafka.constants';
import { KAFKA_MODULE_OPTIONS } from '../kafka.module-definition';
import { KafkaModuleOptions } from '../kafka-module-options.interface';
import { KafkaMetrics } from '../metrics/kafka.metrics';
import { withTimeout } from '../errors/kafka.errors';
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
 * A producer that writes each request in a Kafka transaction, so a request whose
 * outcome is unknown is never seen twice by read_committed readers (kafkajs' default,
 * and librdkafka's, so kcat's): see RecordProducer.
 */
export interface RecordProducerTransactions {
  /** Unique among the live producers, and the same across restarts of one instance, which fences the last one's. */
  readonly transactionalId: string;
  /** How long the broker lets a transaction stay open, as when its producer died in it. */
  readonly transactionTimeoutMs: number;
}

/** What the bound of one send learnt: whether the broker may have committed it. */
interface SendAttempt {
  abandoned: boolean;
  committing: boolean;
}

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
 *
 * With {@link RecordProducerTransactions} (the forwards of failed records), each
 * request is one transaction under a fixed transactional id. The replacement's
 * first transaction re-initialises that id: the broker aborts the open transaction
 * of the failed send and fences its producer, so a request of it that lands late is
 * refused, and the resend is the only copy readers see. One window stays: a send
 * that fails while its commit is in flight may have committed (counted as
 * `client_messaging_forward_commit_unknown_total`); its resend is then a duplicate.
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
    @Optional() @Inject(RECORD_PRODUCER_TRANSACTIONS) private readonly transactions?: RecordProducerTransactions,
  ) {
    this.producer = this.createProducer();
    this.maxRecordsBytes = options.maxRequestBytes - REQUEST_HEADROOM_BYTES;
    // Transactional: a send is one transaction, so it never half succeeds and is then sent again whole.
    this.batcher = new ProduceBatcher((requests) => this.sendRequests(requests), this.maxRecordsBytes, {
      atomicSends: transactions !== undefined,
    });
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

  /**
   * Records of several topics as one send: with transactions, all of it or none is written
   * (the retry and dead-letter forwards of one slice); otherwise as {@link send}.
   */
  async sendAll(batch: readonly TopicRecords[]): Promise<void> {
    const nonEmpty = batch.filter(({ records }) => records.length > 0);
    if (nonEmpty.length === 0) return;
    await this.batcher.enqueueAll(nonEmpty.map(({ topic, records }) => ({ topic, records: [...records] })));
  }

  // The batcher flushes one at a time, so no send overlaps a failed one or a replacement.
  // Without transactions a flush is one request; with them, one transaction of its requests.
  private async sendRequests(requests: TopicRecords[][]): Promise<void> {
    await this.connect();
    const producer = this.producer;
    const count = requests.flat().reduce((sum, { records }) => sum + records.length, 0);
    const acknowledged = this.metrics.produceTimer();
    const produceRequests = requests.map((batch): ProducerBatch => ({
      acks: ACKS_ALL,
      timeout: this.options.requestTimeoutMs,
      topicMessages: batch.map(({ topic, records }) => ({
        topic,
        messages: records,
      })),
    }));
    const attempt: SendAttempt = { abandoned: false, committing: false };
    const sending: Promise<unknown> = this.transactions
      ? this.sendInTransaction(producer, produceRequests, attempt)
      : sendEach(producer, produceRequests);
    try {
      await withTimeout(sending, this.sendBoundMs() * requests.length, `producing ${count} record(s)`);
    } catch (error) {
      attempt.abandoned = true;
      if (attempt.committing) this.metrics.forwardCommitUnknown();
      await this.replace(producer, sending, error as Error);
      throw error;
    }
    acknowledged();
  }

  // Nothing is aborted here on a failure: the replacement's initialisation aborts it and
  // resets the sequence numbers on both sides, which an abort by this producer would not.
  private async sendInTransaction(producer: Producer, requests: ProducerBatch[], attempt: SendAttempt): Promise<void> {
    const transaction = await producer.transaction();
    for (const request of requests) {
      // The bound fired meanwhile: the caller resends, so this one must go no further.
      if (attempt.abandoned) throw new Error('the send was abandoned');
      await transaction.sendBatch(request);
    }
    if (attempt.abandoned) throw new Error('the send was abandoned before its commit');
    attempt.committing = true;
    await transaction.commit();
  }

  /** kafkajs' own schedule at worst: each attempt a produce and a metadata request, a reconnect, and the waits between. */
  private sendBoundMs(): number {
    const attempt = 2 * this.options.requestTimeoutMs + this.options.connectionTimeoutMs;
    return (PRODUCE_RETRY.retries + 1) * attempt + PRODUCE_RETRY_WAITS_MS;
  }

  // Every step bounded: the failed send (should our bound have fired first) and the disconnect.
  private async replace(failed: Producer, sending: Promise<unknown>, error: Error): Promise<void> {
    if (failed !== this.producer) return;
    this.swapOut();
    this.metrics.producerReplaced();
    this.logger.warn(
      this.transactions
        ? `A produce failed (${error.message}): the next send re-initialises transactional id ${this.transactions.transactionalId}, which aborts it`
        : `A produce failed (${error.message}): its sequence numbers are unknown now, so the next send uses a new producer id`,
    );
    const settled = sending.then(
      () => undefined,
      () => undefined,
    );
    await withTimeout(settled, this.options.requestTimeoutMs, 'the failed produce to settle').catch(() => undefined);
    await this.disconnectQuietly(failed);
  }

  // The next send connects a new client: nothing of the old one's state is kept.
  private swapOut(): void {
    this.producer = this.createProducer();
    this.connection = undefined;
  }

  private disconnectQuietly(producer: Producer): Promise<void> {
    return withTimeout(
      producer.disconnect(),
      this.options.connectionTimeoutMs,
      'disconnecting a replaced producer',
    ).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }

  private createProducer(): Producer {
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      transactionalId: this.transactions?.transactionalId,
      transactionTimeout: this.transactions?.transactionTimeoutMs,
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

  // A failed connect is forgotten, and so is its producer: kafkajs keeps a broker whose
  // ApiVersions request timed out as connected but unusable ("Broker not connected" from then
  // on), so the next send starts from a new client instead of failing forever.
  private connect(): Promise<void> {
    const producer = this.producer;
    this.connection ??= withTimeout(
      this.connectAndInitialise(producer),
      this.options.connectionTimeoutMs * 3,
      'connecting the Kafka producer',
    ).catch((error: unknown) => {
      if (producer === this.producer) {
        this.swapOut();
        void this.disconnectQuietly(producer);
      }
      throw error;
    });
    return this.connection;
  }

  // A transactional id is initialised by its first transaction: an empty one, ended at once
  // (kafkajs sends no EndTxn for it), so a restarted instance aborts what its predecessor left open now.
  private async connectAndInitialise(producer: Producer): Promise<void> {
    await producer.connect();
    if (this.transactions) await (await producer.transaction()).commit();
  }
}

// One request after the other: an idempotent producer has one in flight, and this keeps their order.
async function sendEach(producer: Producer, requests: readonly ProducerBatch[]): Promise<void> {
  for (const request of requests) await producer.sendBatch(request);
}
