import { MalformedRetryHeaderError } from '../errors/kafka.errors';
import { readDueAt, readRetryCount } from './retry-headers';

/** What a consumed record's `retry` and `retry-due-at` headers say; read once per record. */
export type RetryState =
  | { readonly valid: true; readonly dueAt: number; readonly retriesSoFar: number }
  | { readonly valid: false; readonly error: MalformedRetryHeaderError };

/**
 * Reads both retry headers of a record. A malformed one is not thrown: the
 * record is then due at once and goes to the dead-letter topic with that error.
 */
export function readRetryState(
  headers: Readonly<Record<string, string>>,
  maxRetries: number,
  latestDueAt: number,
): RetryState {
  try {
    const dueAt = readDueAt(headers, latestDueAt);
    return { valid: true, dueAt, retriesSoFar: readRetryCount(headers, maxRetries) };
  } catch (error) {
    if (error instanceof MalformedRetryHeaderError) return { valid: false, error };
    throw error;
  }
}
