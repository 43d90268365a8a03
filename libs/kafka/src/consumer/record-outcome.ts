/**
 * What became of one record handed to the handler. A failure carries only
 * its error: the error's own `retriable` flag decides retry or dead letter.
 */
export type RecordOutcome = { readonly status: 'done' } | { readonly status: 'failed'; readonly error: Error };

export const RECORD_DONE: RecordOutcome = { status: 'done' };

export function recordFailed(error: Error): RecordOutcome {
  return { status: 'failed', error };
}
