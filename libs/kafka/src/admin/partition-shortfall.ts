/** A topic that has fewer partitions than the service is configured for. */
export interface PartitionShortfall {
  readonly topic: string;
  readonly partitions: number;
  readonly wanted: number;
}

/** The topics of `counts` (name → partition count) that have fewer than `wanted` partitions. */
export function partitionShortfalls(counts: ReadonlyMap<string, number>, wanted: number): PartitionShortfall[] {
  return [...counts]
    .filter(([, partitions]) => partitions < wanted)
    .map(([topic, partitions]) => ({ topic, partitions, wanted }));
}
