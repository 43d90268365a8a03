import { ConsumerMetrics, NO_CONSUMER_METRICS } from '../metrics/consumer-metrics';
import { BackoffPolicy } from '../retry/backoff.policy';
import { RetryPublisher } from '../retry/retry.publisher';
import { BatchHandler } from './batch-handler';
import { ByteBudget, ReleaseBytes } from './byte-budget';
import { DueRecordScheduler } from './due-record.scheduler';
import { DEFAULT_FORWARD_BACKOFF, ForwardBackoff } from './forward-backoff';
import { InterruptibleDelays } from './interruptible.delays';
import { inMemoryBytes, InboundRecord } from './inbound-record';
import { OffsetCommitter } from './offset.committer';
import { PartitionControl } from './partition-control';
import { PartitionProgress } from './partition.progress';
import { RecordProcessor } from './record.processor';

export interface RecordPipelineOptions {
  readonly policy: BackoffPolicy;
  /** Retry records held in memory until due; past this the retry partition is paused. */
  readonly maxHeldRecords: number;
  /** Bytes of held retry records (as inMemoryBytes counts them); past this the retry partition is paused too. */
  readonly maxHeldBytes?: number;
  /** Fetched batches being stored at once; 2 overlaps fetching the next batch with storing one. */
  readonly maxBatchesInFlight: number;
  /**
   * Bytes of records being processed at once over all partitions, with the dead letters
   * and retries built from them, until their forward is acknowledged (inMemoryBytes).
   */
  readonly maxBytesInFlight?: number;
  /** A batch is processed in slices of at most this many bytes: one handler call and one forward each. */
  readonly maxSliceBytes?: number;
  /** Waits between attempts of a batch whose forward was not acknowledged. */
  readonly forwardBackoff?: ForwardBackoff;
  readonly metrics?: ConsumerMetrics;
}

/** How often a partition waiting for its batches in flight still tells the group it is alive. */
const HEARTBEAT_WHILE_WAITING_MS = 1000;
// With a 128 MB heap: a fetch of tiny records (up to 1 MB of them, ~25,000) costs far more
// than its bytes once each becomes a dead letter; the budget counts that cost. Not 32 MB: that
// took client-b past the malformed-flood spec's resident budget, and 16 MB is no slower there.
export const DEFAULT_MAX_BYTES_IN_FLIGHT = 16 * 1024 * 1024;
export const DEFAULT_MAX_SLICE_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_HELD_BYTES = 16 * 1024 * 1024;

/** A fetched batch: its records are converted one at a time, as the slices reach them. */
export interface FetchedRecords extends Iterable<InboundRecord> {
  readonly length: number;
  /** The fetch's last offset, past the last record when transaction markers or aborted records follow it. */
  readonly lastOffset?: string;
}

/**
 * The path of every consumed record: wait until due, hand to the handler,
 * forward failures to the retry or dead-letter topic, then commit the
 * contiguous prefix of finished offsets. Forward first, commit second.
 * A batch is worked through in slices, each claiming its bytes from one budget
 * shared by every partition, held until its forward is acknowledged: when the
 * budget is used up the partition waits (and so kafkajs fetches nothing more),
 * so any flood is worked through within the heap.
 * A slice whose forward is not acknowledged is processed again in place, after
 * a backoff: memory holds that slice once, and no more is fetched meanwhile.
 */
export class RecordPipeline {
  private readonly progress = new Map<string, PartitionProgress>();
  private readonly paused = new Map<string, () => void>();
  private readonly inFlight = new Set<Promise<void>>();
  /** The fetched batches (and released due groups) in flight, each done once all its slices are. */
  private readonly batchesInFlight = new Set<Promise<unknown>>();
  /** Batches backing off before another attempt; cut short when they are no longer ours. */
  private readonly backoffs = new InterruptibleDelays();
  private readonly scheduler: DueRecordScheduler;
  private readonly processor: RecordProcessor;
  private readonly budget: ByteBudget;
  private readonly maxSliceBytes: number;
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
    const held = { records: options.maxHeldRecords, bytes: options.maxHeldBytes ?? DEFAULT_MAX_HELD_BYTES };
    this.scheduler = new DueRecordScheduler(held, (records) => this.onDue(records));
    this.budget = new ByteBudget(options.maxBytesInFlight ?? DEFAULT_MAX_BYTES_IN_FLIGHT);
    this.maxSliceBytes = options.maxSliceBytes ?? DEFAULT_MAX_SLICE_BYTES;
  }

  /** Retry records held in memory until their due time. */
  get heldRecords(): number {
    return this.scheduler.size;
  }

  /** Bytes of the records being processed and forwarded now, as the budget counts them. */
  get bytesInFlight(): number {
    return this.budget.usedBytes;
  }

  /** One fetched batch of one partition (called by kafkajs' eachBatch). */
  async onBatch(topic: string, partition: number, records: FetchedRecords, control: PartitionControl): Promise<void> {
    if (this.stopping) return; // untaken records stay uncommitted for the next owner
    (this.options.metrics ?? NO_CONSUMER_METRICS).received(topic, records.length);
    const generation = this.generation;
    const progress = this.progressOf(topic, partition);
    let slice: InboundRecord[] = [];
    let sliceBytes = 0;
    let lastTaken: string | undefined;
    const works: Promise<void>[] = [];
    let lost = false;
    // Taken records stay outstanding (uncommitted) unless dispatched; the fetch position
    // moves past them only once they are held or dispatched.
    const dispatchSlice = async (): Promise<boolean> => {
      const dispatched =
        slice.length === 0 ? undefined : await this.dispatch(topic, partition, slice, sliceBytes, generation, control);
      if (dispatched) works.push(dispatched.work);
      if (dispatched && lastTaken !== undefined) control.resolveOffset(lastTaken);
      slice = [];
      sliceBytes = 0;
      return dispatched !== undefined;
    };
    let takenAll = true;
    for (const record of records) {
      if (!this.mayGoOn(control, generation)) {
        takenAll = false;
        break;
      }
      const dueAt = this.processor.dueAtOf(record);
      if (dueAt > Date.now()) {
        if (this.scheduler.isFull()) {
          this.pauseUntilDrained(topic, partition, control);
          takenAll = false;
          break;
        }
        progress.take(record.offset);
        lastTaken = record.offset;
        this.scheduler.hold(record, dueAt);
        if (slice.length === 0) control.resolveOffset(lastTaken);
        continue;
      }
      const bytes = inMemoryBytes(record);
      if (slice.length > 0 && sliceBytes + bytes > this.maxSliceBytes && !(await dispatchSlice())) {
        lost = true;
        break;
      }
      progress.take(record.offset);
      lastTaken = record.offset;
      slice.push(record);
      sliceBytes += bytes;
    }
    // Before the last slice goes, so its commit already passes what follows its last record.
    const passedOver = takenAll && !lost ? records.lastOffset : undefined;
    if (passedOver !== undefined) progress.passOver(passedOver);
    if (!lost && slice.length > 0) lost = !(await dispatchSlice());
    this.trackBatch(works);
    if (lost) return;
    if (passedOver !== undefined) control.resolveOffset(passedOver);
    // Returning before the batch is stored lets kafkajs fetch the next one meanwhile;
    // a bounded number of batches is in flight, and commits stay contiguous.
    while (this.batchesInFlight.size >= this.options.maxBatchesInFlight) {
      // A batch retrying its forward may take minutes; the group must not think us dead meanwhile.
      await Promise.race([...this.batchesInFlight, delay(HEARTBEAT_WHILE_WAITING_MS)]);
      await control.heartbeat();
    }
    await control.heartbeat();
  }

  /** A fetch with nothing to hand over (transaction markers, aborted records): the commit may pass it. */
  async onPassedOver(topic: string, partition: number, lastOffset: string): Promise<void> {
    if (this.stopping) return;
    this.progressOf(topic, partition).passOver(lastOffset);
    await this.commitProgress(topic, partition, this.generation);
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
      const works = slicesOf(group, this.maxSliceBytes).map(({ slice, bytes }) =>
        this.track(this.processWithinBudget(group[0].topic, group[0].partition, slice, bytes, generation)),
      );
      this.trackBatch(works);
    }
    this.resumeIfDrained();
  }

  // Due records are no batch of kafkajs': they wait for the budget without holding up a fetch.
  private async processWithinBudget(
    topic: string,
    partition: number,
    records: InboundRecord[],
    bytes: number,
    generation: number,
  ) {
    const release = await this.budget.claim(bytes);
    try {
      // Released before a stop began: still processed, as batches in flight are.
      if (generation === this.generation) await this.processAndCommit(topic, partition, records, generation);
    } finally {
      release();
    }
  }

  /**
   * Claims the slice's bytes, waiting (and heartbeating) while the budget is used up, then
   * processes it in the background (the work is returned); undefined, nothing dispatched, once the partition is no longer ours.
   */
  private async dispatch(
    topic: string,
    partition: number,
    records: InboundRecord[],
    bytes: number,
    generation: number,
    control: PartitionControl,
  ): Promise<{ work: Promise<void> } | undefined> {
    const release = await this.claimWhileOurs(bytes, generation, control);
    if (!release) return undefined;
    // Wrapped: a promise returned from an async function would be awaited along with it.
    return { work: this.track(this.processAndCommit(topic, partition, records, generation).finally(release)) };
  }

  private async claimWhileOurs(
    bytes: number,
    generation: number,
    control: PartitionControl,
  ): Promise<ReleaseBytes | undefined> {
    const claim = this.budget.claim(bytes);
    const giveUp = () => void claim.then((release) => release());
    try {
      for (;;) {
        const release = await Promise.race([claim, delay(HEARTBEAT_WHILE_WAITING_MS).then(() => undefined)]);
        if (!this.mayGoOn(control, generation)) {
          giveUp();
          return undefined;
        }
        if (release) return release;
        await control.heartbeat();
      }
    } catch (error) {
      giveUp();
      throw error;
    }
  }

  private mayGoOn(control: PartitionControl, generation: number): boolean {
    return control.isRunning() && !control.isStale() && this.isCurrent(generation);
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
    return work;
  }

  private trackBatch(works: Promise<void>[]): void {
    if (works.length === 0) return;
    const batch = Promise.allSettled(works);
    this.batchesInFlight.add(batch);
    void batch.finally(() => this.batchesInFlight.delete(batch));
  }

  private async processAndCommit(topic: string, partition: number, records: InboundRecord[], generation: number) {
    const stillOurs = () => this.isCurrent(generation);
    if (records.length > 0 && !(await this.processor.processUntilAcknowledged(records, topic, partition, stillOurs)))
      return;
    if (generation !== this.generation) return;
    const progress = this.progressOf(topic, partition);
    records.forEach((record) => progress.finish(record.offset));
    await this.commitProgress(topic, partition, generation);
  }

  private async commitProgress(topic: string, partition: number, generation: number): Promise<void> {
    if (generation !== this.generation) return;
    const progress = this.progressOf(topic, partition);
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
    if (!this.scheduler.isHalfEmpty()) return;
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

/** Consecutive runs of `records` of at most `maxBytes` each (a larger record alone). */
function slicesOf(records: InboundRecord[], maxBytes: number): { slice: InboundRecord[]; bytes: number }[] {
  const slices: { slice: InboundRecord[]; bytes: number }[] = [];
  let current = { slice: [] as InboundRecord[], bytes: 0 };
  for (const record of records) {
    const bytes = inMemoryBytes(record);
    if (current.slice.length > 0 && current.bytes + bytes > maxBytes) {
      slices.push(current);
      current = { slice: [], bytes: 0 };
    }
    current.slice.push(record);
    current.bytes += bytes;
  }
  if (current.slice.length > 0) slices.push(current);
  return slices;
}

function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
