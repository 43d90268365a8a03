import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { withTimeout } from '../errors/with-timeout';
import { RecordProducer } from '../producer/record.producer';
import { RetryPublisher } from '../retry/retry.publisher';
import { createGroupConsumer } from './create-group-consumer';
import { InboundRecord } from './inbound-record';
import { KafkaBatchContext } from './kafka-batch.context';
import { OffsetCommitter } from './offset.committer';
import { RecordOutcome } from './record-outcome';
import { RecordPipeline } from './record.pipeline';
import { RetryTopicServerOptions } from './retry-topic-server-options';
import { toInboundRecord } from './to-inbound-record';

const RESTART_DELAY_MS = 5000;

/**
 * A Nest microservice transport that reads the main and the retry topic with
 * manual commits and non-blocking retries. Records go, a fetched batch at a
 * time, to the `@EventPattern(handlerPattern)` handler, which returns one
 * {@link RecordOutcome} per record.
 */
export class RetryTopicServer extends Server implements CustomTransportStrategy {
  private consumer!: Consumer;
  private pipeline!: RecordPipeline;
  private closing = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly producer: RecordProducer,
    private readonly options: RetryTopicServerOptions,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    const stop = async () => {
      // Drain before stop: kafkajs forgets the group on stop(), and in-flight batches still commit.
      await this.pipeline.drain();
      await this.consumer.stop();
      await this.consumer.disconnect();
      this.logger.log('Consumer stopped cleanly: in-flight batches finished, held retry records left uncommitted');
    };
    await withTimeout(stop(), this.options.shutdownTimeoutMs, 'stopping the consumer').catch((error: Error) =>
      this.logger.error(error.message),
    );
  }

  on(): never {
    throw new Error('RetryTopicServer does not emit events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    const { topics, groupId } = this.options;
    this.consumer = this.createConsumer();
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => this.pipeline.reset());
    await withTimeout(this.consumer.connect(), this.options.requestTimeoutMs * 3, 'connecting the Kafka consumer');
    // A new group starts at the beginning, so nothing produced before its first start is missed.
    await this.consumer.subscribe({ topics: [topics.messages, topics.retry], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 2,
      eachBatch: (payload) => this.onBatch(payload),
    });
    this.logger.log(`Consuming ${topics.messages} and ${topics.retry} as group ${groupId}`);
  }

  private createConsumer(): Consumer {
    const consumer = createGroupConsumer(this.kafka, this.options, (error) => void this.restartAfterCrash(error));
    const publisher = new RetryPublisher(this.producer, this.options);
    const committer = new OffsetCommitter(consumer, this.options.requestTimeoutMs);
    const handler = (records: InboundRecord[], topic: string, partition: number) => this.dispatch(records, topic, partition);
    this.pipeline = new RecordPipeline(handler, publisher, committer, { ...this.options, maxBatchesInFlight: 2 });
    return consumer;
  }

  // kafkajs gives up on errors it deems final (e.g. no group coordinator while
  // the broker restarts); a consumer that stays stopped would lose the service.
  private async restartAfterCrash(error: Error): Promise<void> {
    if (this.closing) return;
    this.logger.error(`Kafka consumer stopped (${error.message}); starting it again in ${RESTART_DELAY_MS} ms`);
    await this.consumer.disconnect().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS));
    if (this.closing) return;
    await this.start().catch((restartError: Error) => this.restartAfterCrash(restartError));
  }

  private async onBatch({ batch, resolveOffset, heartbeat, pause, isRunning, isStale }: EachBatchPayload) {
    const records = batch.messages.map((message) => toInboundRecord(batch.topic, batch.partition, message));
    await this.pipeline.onBatch(batch.topic, batch.partition, records, {
      resolveOffset,
      heartbeat,
      pause,
      isRunning,
      isStale,
    });
  }

  private async dispatch(records: InboundRecord[], topic: string, partition: number): Promise<RecordOutcome[]> {
    const handler = this.getHandlerByPattern(this.options.handlerPattern);
    if (!handler) throw new Error(`No @EventPattern('${this.options.handlerPattern}') handler registered`);
    const context = new KafkaBatchContext([topic, partition]);
    return lastValueFrom(this.transformToObservable<RecordOutcome[]>(await handler(records, context)));
  }
}
