import { InboundRecord } from './inbound-record';

// setTimeout fires at once for delays above this; longer waits are re-armed in steps.
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

interface HeldRecord {
  readonly record: InboundRecord;
  readonly dueAt: number;
}

/**
 * Holds retry records in memory until their due time, each on its own clock,
 * so a record due sooner is never stuck behind one due later in the partition.
 * Bounded: the caller stops fetching when `isFull()`.
 */
export class DueRecordScheduler {
  private held: HeldRecord[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly capacity: number,
    private readonly onDue: (records: InboundRecord[]) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.held.length;
  }

  isFull(): boolean {
    return this.held.length >= this.capacity;
  }

  hold(record: InboundRecord, dueAt: number): void {
    // Sorted insert; the list is bounded by `capacity`, so linear work is fine.
    const index = this.held.findIndex((entry) => entry.dueAt > dueAt);
    this.held.splice(index === -1 ? this.held.length : index, 0, { record, dueAt });
    this.arm();
  }

  /** Forgets every held record (after a rebalance their offsets are read again). */
  clear(): void {
    this.held = [];
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
    this.arm();
    if (due.length > 0) this.onDue(due.map((entry) => entry.record));
  }
}
