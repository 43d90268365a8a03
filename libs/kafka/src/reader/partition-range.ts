/** Offsets of one partition to read: from `from` (inclusive) to `to` (exclusive; default: the end at the start of the read). */
export interface PartitionRange {
  readonly partition: number;
  readonly from: string;
  readonly to?: string;
}

/** What a read found on one partition. */
export interface PartitionRead<T> {
  readonly partition: number;
  /** What `select` kept, in offset order. */
  readonly kept: T[];
  /** The first offset not examined: where a next read goes on. Equals `to` when the range was read to its end. */
  readonly next: string;
  /** The range's end as read: the requested `to`, at most the partition's end when the read started. */
  readonly to: string;
  /** The partition's first retained offset and its end when the read started. */
  readonly low: string;
  readonly high: string;
}

/** Bounds of one read: it stops on a partition at whichever comes first. */
export interface RangeReadLimits<T> {
  /** Records `select` kept. */
  readonly maxKeptPerPartition: number;
  /** Records examined, kept or not. */
  readonly maxScannedPerPartition: number;
  /** What the kept records may weigh in all (by `sizeOf`): past it, every partition stops where it is. */
  readonly maxKeptBytes: number;
  readonly sizeOf: (kept: T) => number;
}
