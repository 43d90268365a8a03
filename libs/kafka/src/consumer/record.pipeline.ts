import { ConsumerMetrics, NO_CONSUMER_METRICS } from '../metrics/consumer-metrics';
import { BackoffPolicy } from '../retry/backoff.policy';
import { RetryPublisher } from '../retry/retry.publisher';
import { BatchHandler } from './batch-handler';
import { DueRecordScheduler } from './due-record.scheduler';
import { DEFAULT_FORWARD_BACKOFF, ForwardBackoff } from './forward-backoff';
import { InterruptibleDelays } from './interruptible.delays';
import { InboundRecord } from './inbound-record';
import { OffsetCommitter } from './offset.committer';
import { PartitionControl } from './partition-control';
import { PartitionProgress } from './partition.progress';
import { RecordProcessor } from './record.processor';

export interface RecordPipelineOptions {
  readonly policy: BackoffPolicy;
  /** Retry records held in memory until due; past this the retry partition is paused. */
  readonly maxHeldRecords: number;
  /** Fetched batches being stored at once; 2 overlaps fetching the next batch with storing one. */
  readonly maxBatchesInFlight: number;
  /** Waits between attempts of a batch whose forward was not acknowledged. */
  readonly forwardBackoff?: ForwardBackoff;
  readonly metrics?: ConsumerMetrics;
}

/** How often a partition waiting for its batches in flight still tells the group it is alive. */
const HEARTBEAT_WHILE_WAITING_MS = 1000;

/**
 * The path of every consumed record: wait until due, hand to the handler,
 * forward failures to the retry or dead-letter topic, then commit the
 * contiguous prefix of finished offsets. Forward first, commit second.
 * A batch whose forward is not acknowledged is processed again in place, after
 * a backoff: memory holds that batch once, and no more is fetched meanwhile.
 */
export class RecordPipeline {
  private readonly progress = new Map<string, PartitionProgress>();
  private readonly paused = new Map<string, () => void>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Batches backing off before another attempt; cut short when they are no longer ours. */
  private readonly backoffs = new InterruptibleDelays();
  private readonly scheduler: DueRecordScheduler;
  private readonly processor: RecordProcessor;
  private generation = 0;
  private stopping = false;

  constructor(
    handler: BatchHandler,
    publisher: RetryPublisher,
    private readonly committer: OffsetCommitter,
    private readonly options: RecordPipelineOptions,
  ) {
    const backoff = options.forwardBackoff ?? DEFAULT_FORWARD_BACKOFF;
    this.processor = new RecordProcessor(handler, publisher, options.policy, backoff, (ms) => this.backoffs.wait(ms));
    this.scheduler = new DueRecordScheduler(options.maxHeldRecords, (records) => this.onDue(records));
  }

  /** Retry records held in memory until their due time. */
  get heldRecords(): number {
    return this.scheduler.size;
  }

  /** One fetched batch of one partition (called by kafkajs' eachBatch). */
  async onBatch(topic: string, partition: number, records: InboundRecord[], control: PartitionControl): Promise<void> {
    if (this.stopping) return; // untaken records stay uncommitted for the next owner
    (this.options.metrics ?? NO_CONSUMER_METRICS).received(topic, records.length);
    const generation = this.generation;
    const progress = this.progressOf(topic, partition);
    const ready: InboundRecord[] = [];
    let lastTaken: string | undefined;
    for (const record of records) {
      if (!control.isRunning() || control.isStale()) break;
      const dueAt = this.processor.dueAtOf(record);
      if (dueAt > Date.now() && this.scheduler.isFull()) {
        this.pauseUntilDrained(topic, partition, control);
        break;
      }
      progress.take(record.offset);
      lastTaken = record.offset;
      if (dueAt > Date.now()) this.scheduler.hold(record, dueAt);
      else ready.push(record);
    }
    if (lastTaken !== undefined) control.resolveOffset(lastTaken);
    // Returning before the batch is stored lets kafkajs fetch the next one meanwhile;
    // a bounded number of batches is in flight, and commits stay contiguous.
    this.track(this.processAndCommit(topic, partition, ready, generation));
    while (this.inFlight.size >= this.options.maxBatchesInFlight) {
      // A batch retrying its forward may take minutes; the group must not think us dead meanwhile.
      await Promise.race([...this.inFlight, delay(HEARTBEAT_WHILE_WAITING_MS)]);
      await control.heartbeat();
    }
    await control.heartbeat();
  }

  /** Forgets all in-memory state: after a rebalance kafkajs reads again from the committed offsets. */
  reset(): void {
    this.generation += 1;
    this.scheduler.clear();
    this.progress.clear();
    this.paused.forEach((resume) => resume());
    this.paused.clear();
    this.backoffs.interruptAll();
  }

  /** Takes no more records, waits for those in flight, then hands back held ones (left uncommitted). */
  async drain(): Promise<void> {
    this.stopping = true;
    this.backoffs.interruptAll();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    this.reset();
  }

  private onDue(records: InboundRecord[]): void {
    const generation = this.generation;
    const byPartition = new Map<string, InboundRecord[]>();
    for (const record of records) {
      const key = partitionKey(record.topic, record.partition);
      byPartition.set(key, [...(byPartition.get(key) ?? []), record]);
    }
    for (const group of byPartition.values()) {
      this.track(this.processAndCommit(group[0].topic, group[0].partition, group, generation));
    }
    this.resumeIfDrained();
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async processAndCommit(topic: string, partition: number, records: InboundRecord[], generation: number) {
    const stillOurs = () => this.isCurrent(generation);
    if (records.length > 0 && !(await this.processor.processUntilAcknowledged(records, topic, partition, stillOurs))) return;
    if (generation !== this.generation) return;
    const progress = this.progressOf(topic, partition);
    records.forEach((record) => progress.finish(record.offset));
    const offset = progress.committable();
    if (offset === undefined) return;
    if (await this.committer.commit(topic, partition, offset)) progress.markCommitted(offset);
  }

  private isCurrent(generation: number): boolean {
    return generation === this.generation && !this.stopping;
  }

  private pauseUntilDrained(topic: string, partition: number, control: PartitionControl): void {
    const key = partitionKey(topic, partition);
    if (!this.paused.has(key)) this.paused.set(key, control.pause());
  }

  private resumeIfDrained(): void {
    if (this.scheduler.size > this.options.maxHeldRecords / 2) return;
    this.paused.forEach((resume) => resume());
    this.paused.clear();
  }

  private progressOf(topic: string, partition: number): PartitionProgress {
    const key = partitionKey(topic, partition);
    let progress = this.progress.get(key);
    if (!progress) this.progress.set(key, (progress = new PartitionProgress(topic, partition)));
    return progress;
  }
}

function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
