import {
  DLT_EXCEPTION_CLASS_HEADER,
  DLT_EXCEPTION_MESSAGE_HEADER,
  DLT_ORIGINAL_CONSUMER_GROUP_HEADER,
  DLT_ORIGINAL_OFFSET_HEADER,
  DLT_ORIGINAL_PARTITION_HEADER,
  DLT_ORIGINAL_TIMESTAMP_HEADER,
  DLT_ORIGINAL_TOPIC_HEADER,
  DLT_VALUE_OMITTED_BYTES_HEADER,
  FIRST_FAILURE_AT_HEADER,
  LAST_FAILURE_AT_HEADER,
  MESSAGE_ID_HEADER,
  isDateMs,
  isRealInstant,
  REPLAYED_FROM_HEADER,
  RETRY_HEADER,
} from '@app/contracts';
import { InboundRecord } from '../consumer/inbound-record';

/** Where a record was first consumed, before it failed. */
export interface OriginalPosition {
  readonly topic: string;
  readonly partition: number | null;
  readonly offset: string | null;
  /** Its broker timestamp there, epoch ms; null when it is no time a Date can hold. */
  readonly timestamp: number | null;
}

/** A record of the dead-letter topic, its headers read as RetryPublisher writes them. */
export interface DeadLetter {
  /** Its own place: `<topic>:<partition>:<offset>`, what a replay names. */
  readonly address: string;
  readonly partition: number;
  readonly offset: string;
  /** When it was dead-lettered (its timestamp), epoch ms; null when it is no time a Date can hold. */
  readonly deadLetteredAt: number | null;
  readonly messageId: string | null;
  readonly original: OriginalPosition | null;
  readonly consumerGroup: string | null;
  /** The class of the last error, e.g. `InjectedFaultError`; null on a record we did not write. */
  readonly errorClass: string | null;
  readonly errorMessage: string | null;
  /** Retries it had (the `retry` header), 0 when it failed on its first attempt. */
  readonly retries: number;
  /** Processings in all: the first attempt plus its retries. */
  readonly attempts: number;
  /** ISO instants; null when the header is missing or names no real time. */
  readonly firstFailureAt: string | null;
  readonly lastFailureAt: string | null;
  /** Set when it was dead-lettered without its value (too large to forward): the bytes it had. */
  readonly valueOmittedBytes: number | null;
  /** Set when the message was replayed before and failed again: the earlier dead letter. */
  readonly replayedFrom: string | null;
  readonly record: InboundRecord;
}

/** `<topic>:<partition>:<offset>`: names one record. */
export function recordAddress(record: Pick<InboundRecord, 'topic' | 'partition' | 'offset'>): string {
  return `${record.topic}:${record.partition}:${record.offset}`;
}

/**
 * Reads a dead letter's headers. Lenient: a record someone else wrote to the
 * topic, or one with a damaged header, is still listed, with what is missing as
 * null. Strict about times: one a Date cannot hold (a producer may set any
 * 64-bit timestamp) is null, so no page breaks on it.
 */
export function readDeadLetter(record: InboundRecord): DeadLetter {
  const headers = record.headers;
  const text = (name: string) => headers[name] ?? null;
  const retries = wholeNumber(headers[RETRY_HEADER]) ?? 0;
  const originalTopic = headers[DLT_ORIGINAL_TOPIC_HEADER];
  return {
    address: recordAddress(record),
    partition: record.partition,
    offset: record.offset,
    deadLetteredAt: epochMs(record.timestamp),
    messageId: text(MESSAGE_ID_HEADER),
    original:
      originalTopic === undefined
        ? null
        : {
            topic: originalTopic,
            partition: wholeNumber(headers[DLT_ORIGINAL_PARTITION_HEADER]),
            offset:
              wholeNumber(headers[DLT_ORIGINAL_OFFSET_HEADER]) === null ? null : headers[DLT_ORIGINAL_OFFSET_HEADER],
            timestamp: epochMs(headers[DLT_ORIGINAL_TIMESTAMP_HEADER]),
          },
    consumerGroup: text(DLT_ORIGINAL_CONSUMER_GROUP_HEADER),
    errorClass: text(DLT_EXCEPTION_CLASS_HEADER),
    errorMessage: text(DLT_EXCEPTION_MESSAGE_HEADER),
    retries,
    attempts: retries + 1,
    firstFailureAt: instant(headers[FIRST_FAILURE_AT_HEADER]),
    lastFailureAt: instant(headers[LAST_FAILURE_AT_HEADER]),
    valueOmittedBytes: wholeNumber(headers[DLT_VALUE_OMITTED_BYTES_HEADER]),
    replayedFrom: text(REPLAYED_FROM_HEADER),
    record,
  };
}

function wholeNumber(raw: string | undefined): number | null {
  return raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

function epochMs(raw: string | undefined): number | null {
  if (raw === undefined || !/^-?\d{1,16}$/.test(raw)) return null;
  const ms = Number(raw);
  return isDateMs(ms) ? ms : null;
}

function instant(raw: string | undefined): string | null {
  return isRealInstant(raw) ? raw : null;
}
