/** What the pipeline may do to the partition it is reading (a view of kafkajs' eachBatch payload). */
export interface PartitionControl {
  /** Moves the fetch position past `offset` (not a commit). */
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  /** Stops fetching this partition; call the returned function to resume. */
  pause(): () => void;
  isRunning(): boolean;
  isStale(): boolean;
}
