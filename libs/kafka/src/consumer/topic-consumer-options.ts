/** Options of {@link TopicConsumer}. */
export interface TopicConsumerOptions {
  readonly groupId: string;
  readonly topics: string[];
  readonly sessionTimeoutMs: number;
  /** Upper bound of connecting (times three) and of each broker request. */
  readonly requestTimeoutMs: number;
  /** Wait before a batch whose handler failed is handed over again. */
  readonly retryDelayMs: number;
}
