/** How often and how late a failed record is tried again. */
export interface BackoffPolicy {
  /** The delay before retry n is baseDelayMs × 2^n. */
  readonly baseDelayMs: number;
  /** After this many retries a record goes to the dead-letter topic. */
  readonly maxRetries: number;
}

/** 2 s, 4 s, 8 s, then the dead-letter topic. */
export const DEFAULT_BACKOFF_POLICY: BackoffPolicy = { baseDelayMs: 1000, maxRetries: 3 };

/** Delay before retry number `retry` (1-based). */
export function retryDelayMs(policy: BackoffPolicy, retry: number): number {
  return policy.baseDelayMs * 2 ** retry;
}
