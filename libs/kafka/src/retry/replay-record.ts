import {
  DLT_EXCEPTION_CLASS_HEADER,
  DLT_EXCEPTION_MESSAGE_HEADER,
  LAST_FAILURE_AT_HEADER,
  REPLAYED_FROM_HEADER,
  RETRY_DUE_AT_HEADER,
  RETRY_HEADER,
} from '@app/contracts';
import { OutgoingRecord } from '../producer/outgoing-record';
import { DeadLetter } from './dead-letter';

/** Headers of the last failure: a replayed record has not failed yet. */
const DROPPED_ON_REPLAY = [
  RETRY_HEADER,
  DLT_EXCEPTION_CLASS_HEADER,
  DLT_EXCEPTION_MESSAGE_HEADER,
  LAST_FAILURE_AT_HEADER,
];

/**
 * The retry-topic record that gives a dead letter another go: key and value
 * unchanged; no `retry` header, so it has 0 retries so far and gets all of
 * them again; `retry-due-at` = now, so it is processed at once; the last
 * error's headers dropped; where it entered (`kafka_dlt-original-*`) and
 * when it first failed kept, so a new dead letter still points there; and
 * `replayed-from` naming the dead letter.
 */
export function replayRecord(deadLetter: DeadLetter, now: number): OutgoingRecord {
  const headers: Record<string, string> = { ...deadLetter.record.headers };
  DROPPED_ON_REPLAY.forEach((name) => delete headers[name]);
  headers[RETRY_DUE_AT_HEADER] = String(now);
  headers[REPLAYED_FROM_HEADER] = deadLetter.address;
  return { key: deadLetter.record.key, value: deadLetter.record.value, headers, timestamp: String(now) };
}
