import { PartitionRange } from './partition-range';

export interface PlannedRange {
  readonly partition: number;
  readonly from: bigint;
  readonly to: bigint;
  readonly low: string;
  readonly high: string;
}

/**
 * Clips the requested ranges to what the topic holds now: nothing below the
 * first retained offset, nothing at or past the end. A partition the topic
 * does not have is left out, so the caller can tell it was not found.
 */
export function planRanges(
  ranges: readonly PartitionRange[],
  watermarks: readonly { partition: number; low: string; high: string }[],
): PlannedRange[] {
  const byPartition = new Map(watermarks.map((entry) => [entry.partition, entry]));
  return ranges.flatMap((range) => {
    const marks = byPartition.get(range.partition);
    if (!marks) return [];
    const [low, high] = [BigInt(marks.low), BigInt(marks.high)];
    const from = max(BigInt(range.from), low);
    const to = range.to === undefined ? high : min(BigInt(range.to), high);
    return [{ partition: range.partition, from: min(from, to), to, low: marks.low, high: marks.high }];
  });
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);
