import {
  DLT_EXCEPTION_CLASS_HEADER,
  DLT_EXCEPTION_MESSAGE_HEADER,
  DLT_ORIGINAL_CONSUMER_GROUP_HEADER,
  DLT_ORIGINAL_OFFSET_HEADER,
  DLT_ORIGINAL_PARTITION_HEADER,
  DLT_ORIGINAL_TIMESTAMP_HEADER,
  DLT_ORIGINAL_TOPIC_HEADER,
  FIRST_FAILURE_AT_HEADER,
  LAST_FAILURE_AT_HEADER,
  RETRY_DUE_AT_HEADER,
  RETRY_HEADER,
} from '@app/contracts';
import { InboundRecord } from '../consumer/inbound-record';
import { MalformedRetryHeaderError } from '../errors/kafka.errors';

const EXCEPTION_MESSAGE_MAX_LENGTH = 512;
const WHOLE_NUMBER = /^\d{1,15}$/;

/** How many retries the record has had: 0 on the main topic. */
export function readRetryCount(headers: Readonly<Record<string, string>>, maxRetries: number): number {
  const raw = headers[RETRY_HEADER];
  if (raw === undefined) return 0;
  const count = WHOLE_NUMBER.test(raw) ? Number(raw) : NaN;
  if (!(count >= 1 && count <= maxRetries)) {
    throw new MalformedRetryHeaderError(`header "${RETRY_HEADER}" must be 1..${maxRetries}, got "${raw.slice(0, 32)}"`);
  }
  return count;
}

/**
 * Epoch ms before which the record must wait; 0 when it carries no due time.
 * A due time past `latest` was not written by our backoff and would stall the partition's commits.
 */
export function readDueAt(headers: Readonly<Record<string, string>>, latest = Number.MAX_SAFE_INTEGER): number {
  const raw = headers[RETRY_DUE_AT_HEADER];
  if (raw === undefined) return 0;
  if (!WHOLE_NUMBER.test(raw)) {
    throw new MalformedRetryHeaderError(`header "${RETRY_DUE_AT_HEADER}" must be epoch milliseconds`);
  }
  const dueAt = Number(raw);
  if (dueAt > latest) {
    throw new MalformedRetryHeaderError(`header "${RETRY_DUE_AT_HEADER}" is further ahead than any retry delay`);
  }
  return dueAt;
}

/**
 * The record as the processor must see it: on any topic but the retry topic,
 * without `retry` and `retry-due-at`, which only our retry hop may set (on the
 * main topic they would let a writer delay a partition or skip its retries).
 */
export function withRetryHeadersOnlyOn(retryTopic: string, record: InboundRecord): InboundRecord {
  if (record.topic === retryTopic) return record;
  const { [RETRY_HEADER]: retry, [RETRY_DUE_AT_HEADER]: dueAt, ...headers } = record.headers;
  return retry === undefined && dueAt === undefined ? record : { ...record, headers };
}

/** What a failure adds to a record: where it first came from and when it failed. Set, never appended. */
export function failureHeaders(
  record: InboundRecord,
  error: Error,
  groupId: string,
  now: number,
): Record<string, string> {
  const headers: Record<string, string> = { ...record.headers };
  const isFirstFailure = headers[DLT_ORIGINAL_TOPIC_HEADER] === undefined;
  if (isFirstFailure) {
    // Kept from the first hop on, so the dead letter points at where the message entered.
    headers[DLT_ORIGINAL_TOPIC_HEADER] = record.topic;
    headers[DLT_ORIGINAL_PARTITION_HEADER] = String(record.partition);
    headers[DLT_ORIGINAL_OFFSET_HEADER] = record.offset;
    headers[DLT_ORIGINAL_TIMESTAMP_HEADER] = record.timestamp;
    headers[FIRST_FAILURE_AT_HEADER] = new Date(now).toISOString();
  }
  headers[DLT_ORIGINAL_CONSUMER_GROUP_HEADER] = groupId;
  headers[DLT_EXCEPTION_CLASS_HEADER] = error.name;
  headers[DLT_EXCEPTION_MESSAGE_HEADER] = truncate(error.message, EXCEPTION_MESSAGE_MAX_LENGTH);
  headers[LAST_FAILURE_AT_HEADER] = new Date(now).toISOString();
  return headers;
}

/** Headers of the next hop on the retry topic. */
export function retryHeaders(base: Record<string, string>, retry: number, dueAt: number): Record<string, string> {
  return { ...base, [RETRY_HEADER]: String(retry), [RETRY_DUE_AT_HEADER]: String(dueAt) };
}

/** Headers of the dead letter: the retry count it reached, and no due time left to honour. */
export function deadLetterHeaders(base: Record<string, string>, retries: number): Record<string, string> {
  const { [RETRY_DUE_AT_HEADER]: _dueAt, ...rest } = base;
  return { ...rest, [RETRY_HEADER]: String(retries) };
}

function truncate(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}
