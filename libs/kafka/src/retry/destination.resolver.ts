import { MessagingTopics } from '@app/contracts';
import { BackoffPolicy, retryDelayMs } from './backoff.policy';

/** Where a failed record goes next. */
export type FailedRecordDestination =
  | { readonly kind: 'retry'; readonly topic: string; readonly retry: number; readonly dueAt: number }
  | { readonly kind: 'dead-letter'; readonly topic: string; readonly retries: number };

export interface FailedRecordFacts {
  readonly retriable: boolean;
  /** Retries the record has already had (0 on the main topic). */
  readonly retriesSoFar: number;
  readonly now: number;
}

/**
 * The one place that decides retry or dead letter: a retriable failure with
 * retries left goes to the retry topic, due after the backoff; everything else
 * goes to the dead-letter topic.
 */
export function resolveDestination(
  facts: FailedRecordFacts,
  policy: BackoffPolicy,
  topics: MessagingTopics,
): FailedRecordDestination {
  if (!facts.retriable || facts.retriesSoFar >= policy.maxRetries) {
    return { kind: 'dead-letter', topic: topics.deadLetter, retries: facts.retriesSoFar };
  }
  const retry = facts.retriesSoFar + 1;
  return { kind: 'retry', topic: topics.retry, retry, dueAt: facts.now + retryDelayMs(policy, retry) };
}
