import { Logger } from '@nestjs/common';
import { EachBatchPayload, Kafka } from 'kafkajs';
import { GroupConsumerLoop } from './group-consumer.loop';
import { InboundRecord } from './inbound-record';
import { TopicConsumerOptions } from './topic-consumer-options';
import { toInboundRecord } from './to-inbound-record';

/** Handles one fetched batch, at once or in a promise; a throw or a rejection hands the same batch over again later. */
export type RecordsHandler = (records: InboundRecord[]) => Promise<void> | void;

/**
 * Reads topics in a consumer group and hands each fetched batch to a handler,
 * at least once: the batch's offsets are resolved and committed only after
 * the handler resolved. A failing handler gets the same batch again after
 * `retryDelayMs`, as long as the partition is ours. For side flows (delivery
 * receipts) that need neither retry topics nor ordering across failures; the
 * message flow itself uses RetryTopicServer. Create it with KafkaConsumerFactory.
 */
export class TopicConsumer {
  private readonly logger = new Logger(TopicConsumer.name);
  private readonly loop: GroupConsumerLoop;
  private handler?: RecordsHandler;

  constructor(
    kafka: Kafka,
    private readonly options: TopicConsumerOptions,
  ) {
    this.loop = new GroupConsumerLoop(
      kafka,
      { ...options, fromBeginning: options.fromBeginning ?? true, manualCommits: false },
      { eachBatch: (payload) => this.onBatch(payload) },
    );
  }

  /** With `awaitAssignment`, resolves only once the group has given this consumer its partitions. */
  async start(handler: RecordsHandler, { awaitAssignment = false } = {}): Promise<void> {
    this.handler = handler;
    await this.loop.start({ awaitAssignment });
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const records = batch.messages.map((message) => toInboundRecord(batch.topic, batch.partition, message));
    for (;;) {
      try {
        await this.handler!(records);
        return;
      } catch (error) {
        this.logger.warn({
          msg:
            `Handling ${records.length} record(s) of ${batch.topic}[${batch.partition}] failed, ` +
            `trying again in ${this.options.retryDelayMs} ms: ${(error as Error).message}`,
          topic: batch.topic,
          partition: batch.partition,
          offset: records[0]?.offset,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs));
      // Stopping or rebalanced: leave the batch unresolved, so it is read again from the last commit.
      if (!payload.isRunning() || payload.isStale())
        throw new Error(`batch of ${batch.topic}[${batch.partition}] left for later`);
      await payload.heartbeat();
    }
  }
}
