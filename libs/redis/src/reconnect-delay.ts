import { RECONNECT_FIRST_DELAY_MS, RECONNECT_MAX_DELAY_MS } from './redis.constants';

/**
 * How long to wait before reconnect attempt `attempt` (1, 2, ...): doubling
 * from the first delay, never more than the maximum. Attempts never stop, so
 * whatever waits on Redis resumes by itself once it is back.
 */
export function reconnectDelay(attempt: number): number {
  const doublings = Math.min(Math.max(attempt, 1) - 1, 30);
  return Math.min(RECONNECT_FIRST_DELAY_MS * 2 ** doublings, RECONNECT_MAX_DELAY_MS);
}
