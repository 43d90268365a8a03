/** What became of one record handed to the handler. */
export type RecordOutcome =
  | { readonly status: 'done' }
  | { readonly status: 'failed'; readonly error: Error; readonly retriable: boolean };

export const RECORD_DONE: RecordOutcome = { status: 'done' };

export function recordFailed(error: Error, retriable: boolean): RecordOutcome {
  return { status: 'failed', error, retriable };
}
