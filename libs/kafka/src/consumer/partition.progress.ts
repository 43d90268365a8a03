/**
 * Tracks one partition's records between "taken" and "finished", and answers
 * the offset safe to commit: the lowest unfinished offset, or one past the
 * highest taken when nothing is outstanding. Records may finish out of order
 * (a retry due sooner overtakes one due later); the commit never skips one.
 */
export class PartitionProgress {
  private readonly outstanding = new Set<bigint>();
  private nextAfterTaken = -1n;
  private committed = -1n;

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}

  take(offset: string): void {
    const value = BigInt(offset);
    this.outstanding.add(value);
    if (value + 1n > this.nextAfterTaken) this.nextAfterTaken = value + 1n;
  }

  /**
   * Offsets up to `offset` that hold nothing to take (transaction markers, aborted records):
   * the commit may pass them once everything taken before is finished.
   */
  passOver(offset: string): void {
    const next = BigInt(offset) + 1n;
    if (next > this.nextAfterTaken) this.nextAfterTaken = next;
  }

  finish(offset: string): void {
    this.outstanding.delete(BigInt(offset));
  }

  /** The offset to commit now, or undefined when it would not move forward. */
  committable(): string | undefined {
    let lowest = this.nextAfterTaken;
    for (const offset of this.outstanding) if (offset < lowest) lowest = offset;
    return lowest > this.committed ? lowest.toString() : undefined;
  }

  markCommitted(offset: string): void {
    const value = BigInt(offset);
    if (value > this.committed) this.committed = value;
  }
}
