import { CORRELATION_ID_HEADER, MESSAGE_ID_HEADER } from '@app/contracts';
import { boundedText } from './decode-headers';
import { InboundRecord } from './inbound-record';

/** Longest id a log line carries: ours are 36 (messageId) and at most 128 (correlation id) characters. */
const LOGGED_ID_MAX_BYTES = 160;

/** The fields every log line about a consumed record carries. */
export interface RecordLogFields {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** From the record's `message-id` header, when it has one. */
  readonly messageId?: string;
  /** From the record's `correlation-id` header: the HTTP request that sent the message. */
  readonly correlationId?: string;
}

/**
 * Where a record is and which message it carries, as log fields. The consumer
 * path has no request whose context could supply them, so each line is given
 * them explicitly.
 */
export function recordLogFields(record: InboundRecord): RecordLogFields {
  const fields: { -readonly [K in keyof RecordLogFields]: RecordLogFields[K] } = {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
  };
  const messageId = record.headers[MESSAGE_ID_HEADER];
  const correlationId = record.headers[CORRELATION_ID_HEADER];
  if (messageId !== undefined) fields.messageId = boundedText(messageId, LOGGED_ID_MAX_BYTES);
  if (correlationId !== undefined) fields.correlationId = boundedText(correlationId, LOGGED_ID_MAX_BYTES);
  return fields;
}
