/** The partitions a consumer owns, by topic (kafkajs' `memberAssignment`). */
export type PartitionAssignment = Readonly<Record<string, readonly number[]>>;
