/** Options of {@link TopicConsumer}. */
export interface TopicConsumerOptions {
  readonly groupId: string;
  readonly topics: string[];
  readonly sessionTimeoutMs: number;
  /** Upper bound of connecting (times three) and of each broker request. */
  readonly requestTimeoutMs: number;
  /** Wait before a batch whose handler failed is handed over again. */
  readonly retryDelayMs: number;
  /** Where a group with no committed offset starts: the beginning (default), or only new records. */
  readonly fromBeginning?: boolean;
}
