import { InboundRecord } from '../consumer/inbound-record';

/** A record whose processing failed, with what is known about the failure. */
export interface FailedRecord {
  readonly record: InboundRecord;
  readonly error: Error;
  readonly retriable: boolean;
  /** Retries the record had before this failure (0 on the main topic). */
  readonly retriesSoFar: number;
}
