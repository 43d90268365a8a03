import {
  CORRELATION_ID_HEADER,
  DLT_EXCEPTION_CLASS_HEADER,
  DLT_EXCEPTION_MESSAGE_HEADER,
  DLT_ORIGINAL_CONSUMER_GROUP_HEADER,
  DLT_ORIGINAL_OFFSET_HEADER,
  DLT_ORIGINAL_PARTITION_HEADER,
  DLT_ORIGINAL_TIMESTAMP_HEADER,
  DLT_ORIGINAL_TOPIC_HEADER,
  DLT_VALUE_OMITTED_BYTES_HEADER,
  FIRST_FAILURE_AT_HEADER,
  HEADERS_OMITTED_HEADER,
  LAST_FAILURE_AT_HEADER,
  MESSAGE_ID_HEADER,
  REPLAYED_FROM_HEADER,
  RETRY_DUE_AT_HEADER,
  RETRY_HEADER,
} from '@app/contracts';
import { IHeaders } from 'kafkajs';

/** Headers we write; each is decoded up to {@link HEADER_LIMITS}.knownValueBytes. */
export const KNOWN_HEADERS: ReadonlySet<string> = new Set([
  MESSAGE_ID_HEADER,
  CORRELATION_ID_HEADER,
  RETRY_HEADER,
  RETRY_DUE_AT_HEADER,
  FIRST_FAILURE_AT_HEADER,
  LAST_FAILURE_AT_HEADER,
  DLT_ORIGINAL_TOPIC_HEADER,
  DLT_ORIGINAL_PARTITION_HEADER,
  DLT_ORIGINAL_OFFSET_HEADER,
  DLT_ORIGINAL_TIMESTAMP_HEADER,
  DLT_ORIGINAL_CONSUMER_GROUP_HEADER,
  DLT_EXCEPTION_CLASS_HEADER,
  DLT_EXCEPTION_MESSAGE_HEADER,
  DLT_VALUE_OMITTED_BYTES_HEADER,
  REPLAYED_FROM_HEADER,
  HEADERS_OMITTED_HEADER,
]);

/**
 * What is taken of a record's headers. Every value ours is far shorter than
 * `knownValueBytes` (an exception message is cut at 512 characters); a longer
 * one is not ours, and neither it nor any other header reaches a log line, a
 * receipt or a page whole.
 */
export const HEADER_LIMITS = {
  knownValueBytes: 1024,
  otherValueBytes: 256,
  nameBytes: 256,
  /** Headers kept besides ours; the rest are counted in `headers-omitted`. */
  otherHeaders: 32,
} as const;

/**
 * A record's headers as bounded UTF-8 text; a repeated header keeps its last
 * value. A value over its limit keeps its first bytes and ends with
 * `…[<bytes> bytes]`, its full size, so no cut value can pass for a whole one;
 * only those first bytes are ever decoded.
 */
export function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  let others = 0;
  let omitted = 0;
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value === undefined) continue;
    const known = KNOWN_HEADERS.has(name);
    if (!known && (Buffer.byteLength(name) > HEADER_LIMITS.nameBytes || others === HEADER_LIMITS.otherHeaders)) {
      omitted += 1;
      continue;
    }
    if (!known) others += 1;
    decoded[name] = boundedText(value, known ? HEADER_LIMITS.knownValueBytes : HEADER_LIMITS.otherValueBytes);
  }
  // Counted across hops: a retry record already carries what its first read dropped.
  const before = Number(decoded[HEADERS_OMITTED_HEADER]);
  if (omitted > 0) decoded[HEADERS_OMITTED_HEADER] = String(omitted + (Number.isSafeInteger(before) ? before : 0));
  return decoded;
}

/**
 * `value` as UTF-8 text of at most `maxBytes` bytes, a cut one ending with its
 * full size; read again, a cut value stays as it is.
 */
export function boundedText(value: Buffer | string, maxBytes: number): string {
  const bytes = typeof value === 'string' ? Buffer.byteLength(value) : value.length;
  if (bytes <= maxBytes) return value.toString();
  const mark = `…[${bytes} bytes]`;
  const room = Math.max(0, maxBytes - Buffer.byteLength(mark));
  const head =
    typeof value === 'string' ? Buffer.from(value.slice(0, room)).subarray(0, room) : value.subarray(0, room);
  // A multi-byte character split by the cut is dropped rather than shown as U+FFFD.
  return `${head.toString('utf8').replace(/\uFFFD+$/, '')}${mark}`;
}
