import { FailedRecordDestination } from './destination.resolver';
import { FailedRecord } from './failed-record';

/** A failed record the broker has just acknowledged on the retry or the dead-letter topic. */
export interface ForwardedFailure {
  readonly failure: FailedRecord;
  readonly destination: FailedRecordDestination;
  /** The error its headers name (a RecordTooLargeError for a dead letter sent without its value). */
  readonly error: Error;
  /** When it was forwarded, epoch ms. */
  readonly at: number;
}

/** Hears of every forward once it is acknowledged; for observation only, it cannot hold up the flow. */
export type ForwardedListener = (forwarded: readonly ForwardedFailure[]) => void;
