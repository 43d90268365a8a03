/** How far one consumer group is behind on one partition. */
export interface PartitionLag {
  readonly partition: number;
  /** The next offset the group will read; null when it never committed there. */
  readonly committed: string | null;
  /** The partition's end (high watermark): the offset the next record will get. */
  readonly end: string;
  /** Records written and not yet committed by the group. */
  readonly lag: number;
}

export interface TopicLag {
  readonly topic: string;
  readonly partitions: readonly PartitionLag[];
  readonly lag: number;
}

export interface Watermarks {
  readonly partition: number;
  readonly low: string;
  readonly high: string;
}

/**
 * Lag per partition: end minus committed offset. Where the group has not
 * committed yet, it will start at the beginning (our groups read from the
 * earliest offset), so everything still retained counts: end minus low.
 */
export function consumerLag(
  topic: string,
  committed: ReadonlyMap<number, string>,
  watermarks: readonly Watermarks[],
): TopicLag {
  const partitions = [...watermarks]
    .sort((a, b) => a.partition - b.partition)
    .map(({ partition, low, high }): PartitionLag => {
      const offset = committed.get(partition);
      const known = offset !== undefined && Number(offset) >= 0;
      const from = known ? Math.max(Number(offset), Number(low)) : Number(low);
      return { partition, committed: known ? offset : null, end: high, lag: Math.max(0, Number(high) - from) };
    });
  return { topic, partitions, lag: partitions.reduce((sum, { lag }) => sum + lag, 0) };
}
