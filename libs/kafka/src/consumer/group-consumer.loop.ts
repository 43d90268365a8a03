import { Logger } from '@nestjs/common';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { withTimeout } from '../errors/kafka.errors';
import { PartitionAssignment } from './partition-assignment';

/**
 * A fetch over all partitions, and so per partition too (the broker still sends a larger single
 * record batch whole): what one fetch of tiny records becomes (records, dead letters) has to fit
 * the in-flight budget (DEFAULT_MAX_BYTES_IN_FLIGHT) of a 128 MB heap.
 */
const FETCH_MAX_BYTES = 1024 * 1024;
const RESTART_DELAY_MS = 5000;

export interface GroupConsumerLoopOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly sessionTimeoutMs: number;
  /** Upper bound of connecting (times three) and of each broker request. */
  readonly requestTimeoutMs: number;
  /** Where a group with no committed offset starts: the beginning, or only new records. */
  readonly fromBeginning: boolean;
  /** False: the batch handler resolves and commits offsets itself. */
  readonly manualCommits: boolean;
  readonly partitionsConsumedConcurrently?: number;
}

export interface GroupConsumerHandlers {
  eachBatch(payload: EachBatchPayload): Promise<void>;
  /** The group (re)assigned partitions: state kept for the previous assignment is void. */
  onAssignment?(assignment: PartitionAssignment): void;
  /**
   * A fetch of a partition held nothing to hand over, only transaction markers or aborted
   * records up to `lastOffset`: kafkajs calls no eachBatch for it, and moves its position on.
   */
  onPassedOver?(topic: string, partition: number, lastOffset: string): void;
}

/**
 * The one consumer loop of the system: a kafkajs group consumer with the
 * settings every consumer shares, started again after the crashes kafkajs
 * deems final (no coordinator while a broker restarts), and knowing which
 * partitions it owns.
 */
export class GroupConsumerLoop {
  private readonly logger: Logger;
  private consumer?: Consumer;
  private closing = false;
  private owned: PartitionAssignment = {};

  constructor(
    private readonly kafka: Kafka,
    private readonly options: GroupConsumerLoopOptions,
    private readonly handlers: GroupConsumerHandlers,
  ) {
    this.logger = new Logger(`Consumer ${options.groupId}`);
  }

  /**
   * With `awaitAssignment`, resolves only once the group has given this member its partitions.
   * Start-up has waited for the broker before this (TopicProvisioner); a start that fails all
   * the same is tried again in the background, as after a crash, instead of failing the service.
   */
  async start({ awaitAssignment = false } = {}): Promise<void> {
    this.closing = false;
    const consumer = this.createConsumer();
    this.consumer = consumer;
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    try {
      await withTimeout(consumer.connect(), this.options.requestTimeoutMs * 3, 'connecting the Kafka consumer');
      await consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning });
      await consumer.run({
        autoCommit: !this.options.manualCommits,
        eachBatchAutoResolve: !this.options.manualCommits,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
        eachBatch: (payload) => this.handlers.eachBatch(payload),
      });
    } catch (error) {
      if (this.closing) throw error;
      void this.restartAfterCrash(error as Error);
      return;
    }
    if (awaitAssignment) {
      // Running: it joins when the group lets it; a slow join is said, not fatal.
      await withTimeout(joined, this.options.sessionTimeoutMs, `joining consumer group ${this.options.groupId}`).catch(
        (error: Error) => this.logger.warn(`${error.message}; consuming as soon as the group assigns partitions`),
      );
    }
    this.logger.log(`Consuming ${this.options.topics.join(', ')} as group ${this.options.groupId}`);
  }

  /** Stops fetching, runs `beforeLeaving` (batches in flight still commit), then leaves the group. */
  async stop(beforeLeaving: () => Promise<void> = () => Promise.resolve()): Promise<void> {
    this.closing = true;
    const consumer = this.consumer;
    if (!consumer) return;
    await beforeLeaving();
    await consumer.stop();
    await consumer.disconnect();
    this.owned = {};
  }

  /**
   * The partitions of the last assignment; empty before the first and after a crash or a stop.
   * Kept through a rebalance, so readiness does not flap while the group rebalances.
   */
  assignment(): PartitionAssignment {
    return this.owned;
  }

  /** Commits `offset` (the next one to read) of a partition, as this member of the group. */
  async commit(topic: string, partition: number, offset: string): Promise<void> {
    if (!this.consumer) throw new Error('the consumer is not running');
    await this.consumer.commitOffsets([{ topic, partition, offset }]);
  }

  private createConsumer(): Consumer {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs,
      heartbeatInterval: Math.floor(this.options.sessionTimeoutMs / 10),
      allowAutoTopicCreation: false,
      // A fetch response is held until its records are finished; kafkajs' default (10 MB)
      // would let one response alone take a third of a service's memory budget.
      maxBytes: FETCH_MAX_BYTES,
      maxBytesPerPartition: FETCH_MAX_BYTES,
      retry: { retries: 10, restartOnFailure: () => Promise.resolve(true) },
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.owned = payload.memberAssignment;
      this.handlers.onAssignment?.(this.owned);
    });
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (payload.batchSize === 0) this.handlers.onPassedOver?.(payload.topic, payload.partition, payload.lastOffset);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.owned = {};
      if (!payload.restart) void this.restartAfterCrash(payload.error);
    });
    return consumer;
  }

  private async restartAfterCrash(error: Error): Promise<void> {
    if (this.closing) return;
    this.logger.error(`Kafka consumer stopped (${error.message}); starting it again in ${RESTART_DELAY_MS} ms`);
    await this.consumer?.disconnect().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS));
    if (this.closing) return;
    await this.start().catch((restartError: Error) => this.restartAfterCrash(restartError));
  }
}
