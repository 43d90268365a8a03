import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { EachBatchPayload, Kafka } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { withTimeout } from '../errors/kafka.errors';
import { RecordProducer } from '../producer/record.producer';
import { ConsumerMetrics, NO_CONSUMER_METRICS } from '../metrics/consumer-metrics';
import { withRetryHeadersOnlyOn } from '../retry/retry-headers';
import { RetryPublisher } from '../retry/retry.publisher';
import { GroupConsumerLoop } from './group-consumer.loop';
import { InboundRecord } from './inbound-record';
import { KafkaBatchContext } from './kafka-batch.context';
import { OffsetCommitter } from './offset.committer';
import { PartitionAssignment } from './partition-assignment';
import { RecordOutcome } from './record-outcome';
import { RecordPipeline } from './record.pipeline';
import { RetryTopicServerOptions } from './retry-topic-server-options';
import { toInboundRecord } from './to-inbound-record';

/**
 * A Nest microservice transport that reads the main and the retry topic with
 * manual commits and non-blocking retries. Records go, a fetched batch at a
 * time, to the `@EventPattern(handlerPattern)` handler, which returns one
 * {@link RecordOutcome} per record. Create it with KafkaConsumerFactory.
 */
export class RetryTopicServer extends Server implements CustomTransportStrategy {
  private readonly loop: GroupConsumerLoop;
  private readonly pipeline: RecordPipeline;

  /**
   * @param ownsProducer true when `producer` is this server's alone (its forwards' transactional one):
   * connected when it starts listening, closed after the consumer stopped.
   */
  constructor(
    kafka: Kafka,
    private readonly producer: RecordProducer,
    private readonly options: RetryTopicServerOptions,
    metrics: ConsumerMetrics = NO_CONSUMER_METRICS,
    private readonly ownsProducer = false,
  ) {
    super();
    const { topics } = options;
    this.loop = new GroupConsumerLoop(
      kafka,
      {
        ...options,
        topics: [topics.messages, topics.retry],
        // A new group starts at the beginning, so nothing produced before its first start is missed.
        fromBeginning: true,
        manualCommits: true,
        partitionsConsumedConcurrently: 2,
      },
      {
        eachBatch: (payload) => this.onBatch(payload),
        // Whatever was held or in flight for the last assignment is read again from the committed offsets.
        onAssignment: () => this.pipeline.reset(),
        onPassedOver: (topic, partition, lastOffset) => void this.pipeline.onPassedOver(topic, partition, lastOffset),
      },
    );
    const committer = new OffsetCommitter((...offset) => this.loop.commit(...offset), options.requestTimeoutMs);
    const handler = (records: InboundRecord[], topic: string, partition: number) =>
      this.dispatch(records, topic, partition);
    const publisher = new RetryPublisher(producer, { ...options, metrics });
    this.pipeline = new RecordPipeline(handler, publisher, committer, { ...options, maxBatchesInFlight: 2, metrics });
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      // Its transactional id initialised before the first record: what a predecessor left open is aborted now.
      if (this.ownsProducer) await this.producer.onModuleInit();
      await this.loop.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    // Drain before leaving: in-flight batches still commit as members of the group.
    const stop = this.loop.stop(() => this.pipeline.drain());
    await withTimeout(stop, this.options.shutdownTimeoutMs, 'stopping the consumer')
      .then(() => {
        this.logger.log('Consumer stopped cleanly: in-flight batches finished, held retry records left uncommitted');
      })
      .catch((error: Error) => {
        this.logger.error(error.message);
      });
    if (this.ownsProducer) {
      await withTimeout(
        this.producer.onApplicationShutdown(),
        this.options.requestTimeoutMs,
        'closing the forward producer',
      ).catch((error: Error) => {
        this.logger.warn(error.message);
      });
    }
  }

  /** The partitions of both topics this instance reads now. */
  assignment(): PartitionAssignment {
    return this.loop.assignment();
  }

  /** Retry records this instance holds in memory until they are due. */
  heldRecords(): number {
    return this.pipeline.heldRecords;
  }

  /** Bytes of the records being processed and forwarded now (see RecordPipelineOptions.maxBytesInFlight). */
  bytesInFlight(): number {
    return this.pipeline.bytesInFlight;
  }

  on(): never {
    throw new Error('RetryTopicServer does not emit events');
  }

  unwrap<T>(): T {
    throw new Error('RetryTopicServer keeps its Kafka consumer to itself');
  }

  private async onBatch(payload: EachBatchPayload) {
    const { batch } = payload;
    // Converted one at a time as the pipeline reaches them: a fetch of tiny records is tens of thousands.
    const { topic, partition, messages } = batch;
    const retryTopic = this.options.topics.retry;
    const records = {
      length: messages.length,
      // Transaction markers (our forwards are transactional) take offsets too: the last may be one.
      lastOffset: batch.lastOffset(),
      *[Symbol.iterator]() {
        for (const message of messages)
          yield withRetryHeadersOnlyOn(retryTopic, toInboundRecord(topic, partition, message));
      },
    };
    // The payload is the partition's control: its resolveOffset, heartbeat, pause, isRunning and isStale.
    await this.pipeline.onBatch(topic, partition, records, payload);
  }

  private async dispatch(records: InboundRecord[], topic: string, partition: number): Promise<RecordOutcome[]> {
    const handler = this.getHandlerByPattern(this.options.handlerPattern);
    if (!handler) throw new Error(`No @EventPattern('${this.options.handlerPattern}') handler registered`);
    const context = new KafkaBatchContext([topic, partition]);
    // Nest types every handler's answer `any`; ours answers with one outcome per record.
    const outcomes = (await handler(records, context)) as RecordOutcome[];
    return lastValueFrom(this.transformToObservable(outcomes));
  }
}
