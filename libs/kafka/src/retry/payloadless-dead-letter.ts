import {
  CORRELATION_ID_HEADER,
  DLT_ORIGINAL_OFFSET_HEADER,
  DLT_ORIGINAL_PARTITION_HEADER,
  DLT_ORIGINAL_TIMESTAMP_HEADER,
  DLT_ORIGINAL_TOPIC_HEADER,
  DLT_VALUE_OMITTED_BYTES_HEADER,
  FIRST_FAILURE_AT_HEADER,
  HEADERS_OMITTED_HEADER,
  MESSAGE_ID_HEADER,
  REPLAYED_FROM_HEADER,
} from '@app/contracts';
import { RecordTooLargeError } from '../errors/kafka.errors';
import { OutgoingRecord } from '../producer/outgoing-record';
import { FailedRecord } from './failed-record';
import { deadLetterHeaders, failureHeaders } from './retry-headers';

/**
 * Headers a payloadless dead letter keeps from its record: ours, which say where
 * it came from (each already bounded when the record was read, a cut one marked).
 */
const KEPT_HEADERS = [
  MESSAGE_ID_HEADER,
  CORRELATION_ID_HEADER,
  DLT_ORIGINAL_TOPIC_HEADER,
  DLT_ORIGINAL_PARTITION_HEADER,
  DLT_ORIGINAL_OFFSET_HEADER,
  DLT_ORIGINAL_TIMESTAMP_HEADER,
  FIRST_FAILURE_AT_HEADER,
  REPLAYED_FROM_HEADER,
  HEADERS_OMITTED_HEADER,
];
const MAX_KEPT_BYTES = 1024;

/**
 * The dead letter of a record too large to forward as it is: its coordinates
 * and error headers, no value (its size is in a header instead), so the
 * partition goes on and an operator can still find the original by offset.
 * Other headers of the record are dropped, in case they are what is large.
 */
export function payloadlessDeadLetter(
  failure: FailedRecord,
  tooLarge: RecordTooLargeError,
  groupId: string,
  now: number,
): OutgoingRecord {
  const { record } = failure;
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = record.headers[name];
    if (value !== undefined && value.length <= MAX_KEPT_BYTES) kept[name] = value;
  }
  const base = failureHeaders({ ...record, headers: kept }, tooLarge, groupId, now);
  const headers = deadLetterHeaders(base, failure.retriesSoFar);
  headers[DLT_VALUE_OMITTED_BYTES_HEADER] = String(record.value?.length ?? 0);
  const key = record.key !== null && record.key.length <= MAX_KEPT_BYTES ? record.key : null;
  return { key, value: null, headers, timestamp: String(now) };
}
