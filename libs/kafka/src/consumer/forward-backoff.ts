/** How long to wait before processing a batch again whose forward was not acknowledged. */
export interface ForwardBackoff {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** 0.5 s, 1 s, 2 s … up to 30 s: a broker that is back is used soon, one that is down is not hammered. */
export const DEFAULT_FORWARD_BACKOFF: ForwardBackoff = { initialDelayMs: 500, maxDelayMs: 30_000 };

/** Delay before attempt `attempt + 1`, after `attempt` (1-based) unacknowledged attempts. */
export function forwardRetryDelayMs(backoff: ForwardBackoff, attempt: number): number {
  return Math.min(backoff.maxDelayMs, backoff.initialDelayMs * 2 ** (attempt - 1));
}
