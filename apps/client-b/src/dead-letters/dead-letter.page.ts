import { PartitionRead } from '@app/kafka';
import { encodeDeadLetterCursor } from './dead-letter.cursor';

/**
 * One page from per-partition reads (partitions in ascending order): the first
 * `limit` entries in (partition, offset) order, and where the next page
 * starts. A partition whose read stopped before its end (the page or the scan
 * budget was used up) ends the page there, so nothing is ever skipped.
 */
export function pageOf<T extends { offset: string }>(
  reads: readonly PartitionRead<T>[],
  limit: number,
): { entries: T[]; nextCursor: string | null } {
  const entries: T[] = [];
  for (const read of [...reads].sort((a, b) => a.partition - b.partition)) {
    for (const entry of read.kept) {
      if (entries.length === limit)
        return { entries, nextCursor: encodeDeadLetterCursor({ partition: read.partition, offset: entry.offset }) };
      entries.push(entry);
    }
    if (BigInt(read.next) < BigInt(read.to))
      return { entries, nextCursor: encodeDeadLetterCursor({ partition: read.partition, offset: read.next }) };
  }
  return { entries, nextCursor: null };
}
