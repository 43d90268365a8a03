import { MessagingTopics } from '@app/contracts';
import { BackoffPolicy } from '../retry/backoff.policy';
import { DeadLetteredListener } from '../retry/dead-lettered.listener';
import { ForwardedListener } from '../retry/forwarded-failure';

/** Options of {@link RetryTopicServer}. */
export interface RetryTopicServerOptions {
  readonly groupId: string;
  readonly topics: MessagingTopics;
  /** The `@EventPattern` of the batch handler; records of both topics go to it. */
  readonly handlerPattern: string;
  readonly policy: BackoffPolicy;
  readonly maxHeldRecords: number;
  readonly sessionTimeoutMs: number;
  /** Upper bound of a commit or a connect. */
  readonly requestTimeoutMs: number;
  /**
   * Forwards of failed records are written in transactions under this id, so one whose outcome
   * was unknown is never read twice (see RecordProducer). Unique among the live instances, the
   * same across restarts of one. Unset: forwards share the service's producer, at least once.
   */
  readonly transactionalId?: string;
  /** How long a graceful stop may take before the consumer is dropped. */
  readonly shutdownTimeoutMs: number;
  /**
   * Called with the records whose dead-letter write the broker has just
   * acknowledged (for delivery receipts), and awaited: the offsets are
   * committed only after it resolves. A rejection processes the batch again,
   * which may write its dead letters a second time (at least once).
   */
  readonly onDeadLettered?: DeadLetteredListener;
  /**
   * Called, not awaited, with every failed record once its forward to the retry or
   * dead-letter topic is acknowledged (for an operator's view of recent failures).
   */
  readonly onForwarded?: ForwardedListener;
}
