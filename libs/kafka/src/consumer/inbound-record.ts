/** A consumed record, free of kafkajs types; header values decoded as UTF-8 and bounded (see decodeHeaders). */
export interface InboundRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
  /** Broker timestamp, epoch milliseconds as a string. */
  readonly timestamp: string;
}

/**
 * What one record costs in memory besides its key, value and headers, from the
 * time it is fetched until its forward is acknowledged: kafkajs' message object,
 * ours, the error and headers of the dead letter or retry built from it, and its
 * encoding in a produce request. A flood of tiny records costs this per record,
 * so the budget counts it (without it, 40,000 to 60,000 records of 30 bytes in flight
 * filled a 128 MB heap: 1.5 to 2 KB each).
 */
export const RECORD_OVERHEAD_BYTES = 2048;

/** The bytes `record` and what is built from it take in memory, as budgets count them. */
export function inMemoryBytes(record: InboundRecord): number {
  let bytes = RECORD_OVERHEAD_BYTES + (record.key?.length ?? 0) + (record.value?.length ?? 0);
  // Header strings count twice: the decoded record's and the forward's copy.
  for (const [name, value] of Object.entries(record.headers)) bytes += 2 * (name.length + value.length);
  return bytes;
}

/**
 * The record with its key and value copied out of the fetch response they are
 * slices of: a record kept for long (held until due) must not keep the whole
 * response (up to the fetch size) alive.
 */
export function copiedOutOfFetch(record: InboundRecord): InboundRecord {
  return {
    ...record,
    key: record.key === null ? null : Buffer.from(record.key),
    value: record.value === null ? null : Buffer.from(record.value),
  };
}
