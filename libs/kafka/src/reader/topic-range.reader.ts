import { Inject, Injectable, Logger } from '@nestjs/common';
import { Batch, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { SharedAdmin } from '../admin/shared-admin';
import { Watermarks } from '../admin/consumer-lag';
import { InboundRecord } from '../consumer/inbound-record';
import { toInboundRecord } from '../consumer/to-inbound-record';
import { withTimeout } from '../errors/kafka.errors';
import { KAFKA_CLIENT } from '../kafka.constants';
import { KAFKA_MODULE_OPTIONS } from '../kafka.module-definition';
import { KafkaModuleOptions } from '../kafka-module-options.interface';
import { PartitionRange, PartitionRead, RangeReadLimits } from './partition-range';
import { planRanges, PlannedRange } from './plan-ranges';

const FETCH_MAX_BYTES_PER_PARTITION = 1024 * 1024;
const SESSION_TIMEOUT_MS = 10_000;

interface Progress<T> {
  readonly plan: PlannedRange;
  readonly kept: T[];
  scanned: number;
  next: bigint;
  done: boolean;
}

/**
 * Reads given offset ranges of a topic, for operators (the dead letters).
 *
 * Why this shape: kafkajs has no group-less `assign`, so a reader must be a
 * group member. It joins a throwaway group of its own (a random id, nothing
 * ever committed, so it vanishes once empty and touches no other group's
 * offsets), seeks each partition to its range and leaves when every range is
 * read. The watermarks are asked first (one admin call): when there is
 * nothing to read, as for an empty dead-letter topic, no consumer is made at
 * all. A read costs one group join, which the broker may delay by its
 * `group.initial.rebalance.delay.ms` (3 s by default; 0 on our local broker).
 * Everything is bounded: the whole read by `timeoutMs`, what it keeps by the
 * limits, what a fetch holds by 1 MB per partition.
 */
@Injectable()
export class TopicRangeReader {
  private readonly logger = new Logger(TopicRangeReader.name);

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly options: KafkaModuleOptions,
    private readonly admin: SharedAdmin,
  ) {}

  /** First retained offset and end of every partition of `topic`. */
  watermarks(topic: string): Promise<Watermarks[]> {
    return this.admin.run(`reading the offsets of ${topic}`, (admin) => admin.fetchTopicOffsets(topic));
  }

  /**
   * Reads the ranges and keeps, per partition, what `select` returns (undefined: skip the
   * record). A range of a partition the topic lacks is left out of the answer. `ranges`
   * may be computed from the watermarks, which are read first anyway.
   */
  async read<T>(
    topic: string,
    ranges: readonly PartitionRange[] | ((watermarks: readonly Watermarks[]) => readonly PartitionRange[]),
    select: (record: InboundRecord) => T | undefined,
    limits: RangeReadLimits<T>,
    timeoutMs = this.options.requestTimeoutMs * 3,
  ): Promise<PartitionRead<T>[]> {
    const watermarks = await this.watermarks(topic);
    const plans = planRanges(typeof ranges === 'function' ? ranges(watermarks) : ranges, watermarks);
    const progress = plans.map((plan): Progress<T> => ({
      plan,
      kept: [],
      scanned: 0,
      next: plan.from,
      done: plan.from >= plan.to,
    }));
    const pending = progress.filter((entry) => !entry.done);
    const others = watermarks
      .map(({ partition }) => partition)
      .filter((partition) => !pending.some(({ plan }) => plan.partition === partition));
    if (pending.length > 0) await this.consume(topic, { pending, others }, select, limits, timeoutMs);
    return progress.map(({ plan, kept, next }) => ({
      partition: plan.partition,
      kept,
      next: String(next),
      to: String(plan.to),
      low: plan.low,
      high: plan.high,
    }));
  }

  private async consume<T>(
    topic: string,
    partitions: { pending: Progress<T>[]; others: number[] },
    select: (record: InboundRecord) => T | undefined,
    limits: RangeReadLimits<T>,
    timeoutMs: number,
  ): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: `${this.options.clientId}-reader-${randomUUID()}`,
      sessionTimeout: SESSION_TIMEOUT_MS,
      heartbeatInterval: 1000,
      maxBytes: 2 * FETCH_MAX_BYTES_PER_PARTITION,
      maxBytesPerPartition: FETCH_MAX_BYTES_PER_PARTITION,
      maxWaitTimeInMs: 200,
      allowAutoTopicCreation: false,
      // A failed read is answered as failed; the caller may ask again.
      retry: { retries: 2, restartOnFailure: () => Promise.resolve(false) },
    });
    try {
      await withTimeout(this.readWith(consumer, topic, partitions, select, limits), timeoutMs, `reading ${topic}`);
    } finally {
      await withTimeout(
        consumer.disconnect(),
        this.options.requestTimeoutMs,
        `leaving the reader group of ${topic}`,
      ).catch((error: Error) => this.logger.warn(error.message));
    }
  }

  private async readWith<T>(
    consumer: Consumer,
    topic: string,
    { pending, others }: { pending: Progress<T>[]; others: number[] },
    select: (record: InboundRecord) => T | undefined,
    limits: RangeReadLimits<T>,
  ): Promise<void> {
    const byPartition = new Map(pending.map((entry) => [entry.plan.partition, entry]));
    let finished!: () => void;
    let failed!: (error: Error) => void;
    const allRead = new Promise<void>((resolve, reject) => ([finished, failed] = [resolve, reject]));
    allRead.catch(() => undefined); // awaited below; a crash while connecting must not go unhandled meanwhile
    let keptBytes = 0;
    const finish = (entry: Progress<T>) => {
      entry.done = true;
      consumer.pause([{ topic, partitions: [entry.plan.partition] }]);
      if (pending.every(({ done }) => done)) finished();
    };
    const passOver = (entry: Progress<T>, lastOffset: string) => {
      const next = BigInt(lastOffset) + 1n;
      if (next > entry.next) entry.next = next < entry.plan.to ? next : entry.plan.to;
      if (entry.next >= entry.plan.to) finish(entry);
    };
    // Enough kept in all: every partition ends where it got to, and says so in `next`.
    const finishAll = () => pending.filter(({ done }) => !done).forEach(finish);
    consumer.on(consumer.events.CRASH, ({ payload }) => failed(payload.error));
    // Transaction markers and aborted records take offsets but are never handed over: a range
    // ends where the fetches got to, which this event tells after every fetch (one of markers alone too).
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const entry = byPartition.get(payload.partition);
      if (entry && !entry.done) passOver(entry, payload.lastOffset);
    });
    const take = (batch: Batch): void => {
      const entry = byPartition.get(batch.partition);
      if (!entry || entry.done) return;
      for (const message of batch.messages) {
        const offset = BigInt(message.offset);
        if (offset < entry.next) continue; // fetched before the seek took effect
        if (offset >= entry.plan.to) return finish(entry);
        entry.scanned += 1;
        entry.next = offset + 1n;
        const selected = select(toInboundRecord(topic, batch.partition, message));
        if (selected !== undefined) {
          entry.kept.push(selected);
          keptBytes += limits.sizeOf(selected);
          if (keptBytes >= limits.maxKeptBytes) return finishAll();
        }
        const full = entry.kept.length >= limits.maxKeptPerPartition || entry.scanned >= limits.maxScannedPerPartition;
        if (full || entry.next >= entry.plan.to) return finish(entry);
      }
    };
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: ({ batch }: EachBatchPayload) => {
        take(batch);
        return Promise.resolve();
      },
    });
    // Seeks wait in kafkajs until the partitions are assigned; the others are never fetched.
    for (const { plan } of pending) consumer.seek({ topic, partition: plan.partition, offset: String(plan.from) });
    if (others.length > 0) consumer.pause([{ topic, partitions: others }]);
    await allRead;
  }
}
