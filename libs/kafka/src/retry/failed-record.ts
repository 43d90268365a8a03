import { InboundRecord } from '../consumer/inbound-record';

/** A record whose processing failed; whether it may be retried is its error's `retriable` flag. */
export interface FailedRecord {
  readonly record: InboundRecord;
  readonly error: Error;
  /** Retries the record had before this failure (0 on the main topic). */
  readonly retriesSoFar: number;
}
