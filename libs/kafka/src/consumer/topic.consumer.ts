import { Logger } from '@nestjs/common';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { withTimeout } from '../errors/with-timeout';
import { createGroupConsumer } from './create-group-consumer';
import { InboundRecord } from './inbound-record';
import { TopicConsumerOptions } from './topic-consumer-options';
import { toInboundRecord } from './to-inbound-record';

/** Handles one fetched batch; a rejection hands the same batch over again later. */
export type RecordsHandler = (records: InboundRecord[]) => Promise<void>;

const RESTART_DELAY_MS = 5000;

/**
 * Reads topics in a consumer group and hands each fetched batch to a handler,
 * at least once: the batch's offsets are resolved and committed only after
 * the handler resolved. A failing handler gets the same batch again after
 * `retryDelayMs`, as long as the consumer runs. For side flows (delivery
 * receipts) that need neither retry topics nor ordering across failures;
 * the message flow itself uses RetryTopicServer.
 */
export class TopicConsumer {
  private readonly logger = new Logger(TopicConsumer.name);
  private consumer?: Consumer;
  private closing = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: TopicConsumerOptions,
  ) {}

  /** With `awaitAssignment`, resolves only once the group has given this consumer its partitions. */
  async start(handler: RecordsHandler, { awaitAssignment = false } = {}): Promise<void> {
    this.closing = false;
    const consumer = createGroupConsumer(this.kafka, this.options, (error) => void this.restartAfterCrash(error, handler));
    this.consumer = consumer;
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await withTimeout(consumer.connect(), this.options.requestTimeoutMs * 3, 'connecting the Kafka consumer');
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true });
    await consumer.run({ eachBatch: (payload) => this.onBatch(payload, handler) });
    if (awaitAssignment) await withTimeout(joined, this.options.sessionTimeoutMs, `joining consumer group ${this.options.groupId}`);
    this.logger.log(`Consuming ${this.options.topics.join(', ')} as group ${this.options.groupId}`);
  }

  async stop(): Promise<void> {
    this.closing = true;
    await this.consumer?.disconnect();
  }

  private async onBatch(payload: EachBatchPayload, handler: RecordsHandler): Promise<void> {
    const { batch, isRunning, isStale, heartbeat } = payload;
    const records = batch.messages.map((message) => toInboundRecord(batch.topic, batch.partition, message));
    for (;;) {
      try {
        await handler(records);
        return;
      } catch (error) {
        this.logger.warn(
          `Handling ${records.length} record(s) of ${batch.topic}[${batch.partition}] failed, ` +
            `trying again in ${this.options.retryDelayMs} ms: ${(error as Error).message}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs));
      // Stopping or rebalanced: leave the batch unresolved, so it is read again from the last commit.
      if (!isRunning() || isStale()) throw new Error(`batch of ${batch.topic}[${batch.partition}] left for later`);
      await heartbeat();
    }
  }

  // kafkajs gives up on errors it deems final; a consumer that stays stopped would never catch up.
  private async restartAfterCrash(error: Error, handler: RecordsHandler): Promise<void> {
    if (this.closing) return;
    this.logger.error(`Kafka consumer stopped (${error.message}); starting it again in ${RESTART_DELAY_MS} ms`);
    await this.consumer?.disconnect().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS));
    if (this.closing) return;
    await this.start(handler).catch((restartError: Error) => this.restartAfterCrash(restartError, handler));
  }
}
