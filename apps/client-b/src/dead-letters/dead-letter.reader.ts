import { MESSAGING_TOPICS } from '@app/config';
import { MessagingTopics } from '@app/contracts';
import { DeadLetter, InboundRecord, PartitionRange, PartitionRead, readDeadLetter, TopicRangeReader } from '@app/kafka';
import { Inject, Injectable } from '@nestjs/common';
import { DeadLetterView, toDeadLetterView, viewSize } from './dead-letter.view';

/** Which dead letters an operator means: by the last error's class and by when they were dead-lettered. */
export interface DeadLetterFilter {
  readonly errorClass?: string;
  /** Dead-lettered at or after. */
  readonly since?: Date;
  /** Dead-lettered before. */
  readonly until?: Date;
}

export function matchesFilter(deadLetter: DeadLetter, filter: DeadLetterFilter): boolean {
  if (filter.errorClass !== undefined && deadLetter.errorClass !== filter.errorClass) return false;
  // A dead letter with no readable time matches no time filter (but is listed without one).
  const at = deadLetter.deadLetteredAt;
  if (filter.since !== undefined && (at === null || at < filter.since.getTime())) return false;
  if (filter.until !== undefined && (at === null || at >= filter.until.getTime())) return false;
  return true;
}

/** A place in the dead-letter topic: a partition and an offset in it. */
export interface DeadLetterPosition {
  readonly partition: number;
  readonly offset: string;
}

const CURSOR = /^(\d{1,6}):(\d{1,19})$/;

/** `<partition>:<offset>`: readable, and what an operator types in the CLI. */
export function encodeDeadLetterCursor({ partition, offset }: DeadLetterPosition): string {
  return `${partition}:${offset}`;
}

/** The position a cursor names, or undefined when it is not one. */
export function decodeDeadLetterCursor(cursor: string): DeadLetterPosition | undefined {
  const match = CURSOR.exec(cursor);
  return match ? { partition: Number(match[1]), offset: String(BigInt(match[2])) } : undefined;
}

/** Dead letters examined per partition for one page; a filter that matches few pages on through them. */
const SCAN_BUDGET_PER_PARTITION = 2000;
/** What the records of one replay chunk may weigh, values included. */
const KEPT_BYTES_PER_READ = 8 * 1024 * 1024;
/** What the views of one page may weigh: a page of large dead letters ends early, with a cursor to the rest. */
const PAGE_MAX_BYTES = 4 * 1024 * 1024;
/** Dead letters a replay holds at once per partition, values included. */
const REPLAY_CHUNK_PER_PARTITION = 100;

/** What page() reads: the HTTP query (DeadLetterPageQuery) with its cursor decoded and its filter gathered. */
export interface DeadLetterPageRequest {
  readonly limit: number;
  readonly from?: DeadLetterPosition;
  readonly filter: DeadLetterFilter;
}

/** The dead-letter topic as client-b's operators read it: pages, one entry, or every match in chunks. */
@Injectable()
export class DeadLetterReader {
  readonly topic: string;

  constructor(
    private readonly reader: TopicRangeReader,
    @Inject(MESSAGING_TOPICS) topics: MessagingTopics,
  ) {
    this.topic = topics.deadLetter;
  }

  /** A page in (partition, offset) order from `from` (inclusive), and the cursor of the next. */
  async page({
    limit,
    from,
    filter,
  }: DeadLetterPageRequest): Promise<{ entries: DeadLetterView[]; nextCursor: string | null }> {
    const start = from ?? { partition: 0, offset: '0' };
    const reads = await this.reader.read(
      this.topic,
      (watermarks) =>
        watermarks
          .filter(({ partition }) => partition >= start.partition)
          .map(({ partition }) => ({ partition, from: partition === start.partition ? start.offset : '0' })),
      (record) => {
        const deadLetter = readDeadLetter(record);
        return matchesFilter(deadLetter, filter) ? toDeadLetterView(deadLetter) : undefined;
      },
      {
        maxKeptPerPartition: limit,
        maxScannedPerPartition: SCAN_BUDGET_PER_PARTITION,
        maxKeptBytes: PAGE_MAX_BYTES,
        sizeOf: viewSize,
      },
    );
    return pageOf(reads, limit);
  }

  /** The dead letter at a position, with its value; undefined when there is none there (now). */
  async find({ partition, offset }: DeadLetterPosition): Promise<DeadLetter | undefined> {
    const [read] = await this.reader.read(
      this.topic,
      [{ partition, from: offset, to: String(BigInt(offset) + 1n) }],
      keptWhole(),
      {
        maxKeptPerPartition: 1,
        maxScannedPerPartition: 1,
        maxKeptBytes: Number.MAX_SAFE_INTEGER,
        sizeOf: () => 0,
      },
    );
    return read?.kept.find((deadLetter) => deadLetter.offset === offset);
  }

  /**
   * Every dead letter matching `filter` that was there when the scan began, a
   * bounded chunk at a time (what a replay of many holds in memory at once).
   */
  async *matching(filter: DeadLetterFilter): AsyncGenerator<DeadLetter[]> {
    let ranges: PartitionRange[] | undefined;
    for (;;) {
      const reads: PartitionRead<DeadLetter>[] = await this.reader.read(
        this.topic,
        (watermarks) => ranges ?? watermarks.map(({ partition }) => ({ partition, from: '0' })),
        keptWhole(filter),
        {
          maxKeptPerPartition: REPLAY_CHUNK_PER_PARTITION,
          maxScannedPerPartition: Number.MAX_SAFE_INTEGER,
          maxKeptBytes: KEPT_BYTES_PER_READ,
          sizeOf: ({ record }) => (record.value?.length ?? 0) + (record.key?.length ?? 0) + 1024,
        },
      );
      // Later chunks stop where the first one found the end: dead letters written meanwhile wait for the next replay.
      ranges = reads
        .filter(({ next, to }) => BigInt(next) < BigInt(to))
        .map(({ partition, next, to }) => ({ partition, from: next, to }));
      const chunk = reads.flatMap(({ kept }) => kept);
      if (chunk.length > 0) yield chunk;
      if (ranges.length === 0) return;
    }
  }
}

// Key and value copied out of the fetch buffer, so a kept record never pins a whole fetch response.
function keptWhole(filter: DeadLetterFilter = {}) {
  return (record: InboundRecord): DeadLetter | undefined => {
    if (!matchesFilter(readDeadLetter(record), filter)) return undefined;
    const key = record.key === null ? null : Buffer.from(record.key);
    return readDeadLetter({ ...record, key, value: record.value === null ? null : Buffer.from(record.value) });
  };
}

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
