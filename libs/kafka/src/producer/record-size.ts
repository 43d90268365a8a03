import { OutgoingRecord } from './outgoing-record';

/**
 * Bytes a record batch adds to a produce request besides its records (61 in
 * the v2 format), plus the request's own framing per topic-partition; rounded
 * up so the estimate never undershoots.
 */
export const BATCH_OVERHEAD_BYTES = 128;

/** Room kept free in every request for batch headers and framing of up to 32 topic-partitions. */
export const REQUEST_HEADROOM_BYTES = 32 * BATCH_OVERHEAD_BYTES;

// A v2 record's own framing: length, attributes, timestamp and offset deltas,
// key and value lengths, header count (varints of at most 5 or 10 bytes).
const RECORD_FRAMING_BYTES = 40;
const HEADER_FRAMING_BYTES = 10;

/**
 * An upper bound of the bytes `record` takes inside a record batch, headers
 * and key included, as the broker counts them against `max.message.bytes`.
 */
export function recordSizeInBytes(record: OutgoingRecord): number {
  let bytes = RECORD_FRAMING_BYTES + byteLength(record.key) + byteLength(record.value);
  for (const [name, value] of Object.entries(record.headers)) {
    bytes += HEADER_FRAMING_BYTES + Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  return bytes;
}

function byteLength(data: string | Buffer | null): number {
  if (data === null) return 0;
  return typeof data === 'string' ? Buffer.byteLength(data) : data.length;
}
