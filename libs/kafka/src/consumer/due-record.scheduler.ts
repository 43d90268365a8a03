import { copiedOutOfFetch, inMemoryBytes, InboundRecord } from './inbound-record';

// setTimeout fires at once for delays above this; longer waits are re-armed in steps.
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

interface HeldRecord {
  readonly record: InboundRecord;
  readonly dueAt: number;
  readonly bytes: number;
}

/** How many records, and how many of their bytes, may be held at once. */
export interface HeldCapacity {
  readonly records: number;
  readonly bytes: number;
}

/**
 * Holds retry records in memory until their due time, each on its own clock,
 * so a record due sooner is never stuck behind one due later in the partition.
 * Bounded by count and by bytes: the caller stops fetching when `isFull()`.
 * Each record is copied out of its fetch response when held, so what is held
 * is its own bytes, not the responses it came in.
 */
export class DueRecordScheduler {
  private held: HeldRecord[] = [];
  private heldBytes = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly capacity: HeldCapacity,
    private readonly onDue: (records: InboundRecord[]) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.held.length;
  }

  /** Bytes of the held records, as {@link inMemoryBytes} counts them. */
  get bytes(): number {
    return this.heldBytes;
  }

  isFull(): boolean {
    return this.held.length >= this.capacity.records || this.heldBytes >= this.capacity.bytes;
  }

  /** True once at most half of either capacity is used: then a paused partition may read again. */
  isHalfEmpty(): boolean {
    return this.held.length <= this.capacity.records / 2 && this.heldBytes <= this.capacity.bytes / 2;
  }

  hold(record: InboundRecord, dueAt: number): void {
    const copy = copiedOutOfFetch(record);
    const bytes = inMemoryBytes(copy);
    // Sorted insert; the list is bounded by `capacity`, so linear work is fine.
    const index = this.held.findIndex((entry) => entry.dueAt > dueAt);
    this.held.splice(index === -1 ? this.held.length : index, 0, { record: copy, dueAt, bytes });
    this.heldBytes += bytes;
    this.arm();
  }

  /** Forgets every held record (after a rebalance their offsets are read again). */
  clear(): void {
    this.held = [];
    this.heldBytes = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    clearTimeout(this.timer);
    if (this.held.length === 0) return;
    const wait = Math.min(MAX_TIMER_DELAY_MS, Math.max(0, this.held[0].dueAt - this.now()));
    this.timer = setTimeout(() => this.release(), wait);
  }

  private release(): void {
    const now = this.now();
    const dueCount = this.held.findIndex((entry) => entry.dueAt > now);
    const due = this.held.splice(0, dueCount === -1 ? this.held.length : dueCount);
    for (const entry of due) this.heldBytes -= entry.bytes;
    this.arm();
    if (due.length > 0) this.onDue(due.map((entry) => entry.record));
  }
}
