/** Carries the id client-a gave the message; also inside the JSON value. */
export const MESSAGE_ID_HEADER = 'message-id';
/**
 * The correlation id of the HTTP request that sent the message (its
 * x-correlation-id), so every service's lines about the message carry it.
 * Kept on retry and dead-letter records, and on the message's receipts.
 */
export const CORRELATION_ID_HEADER = 'correlation-id';
/** How many times the record has been retried: 1, 2, 3 (absent on the main topic). */
export const RETRY_HEADER = 'retry';
/** Epoch milliseconds before which a retry record must not be processed. */
export const RETRY_DUE_AT_HEADER = 'retry-due-at';
/** ISO time of the first failure of this message (kept across hops). */
export const FIRST_FAILURE_AT_HEADER = 'retry-first-failure-at';
/** ISO time of the most recent failure. */
export const LAST_FAILURE_AT_HEADER = 'retry-last-failure-at';

// Dead-letter diagnostics reuse Spring Kafka's documented header names, which
// operators already know from other systems.
export const DLT_ORIGINAL_TOPIC_HEADER = 'kafka_dlt-original-topic';
export const DLT_ORIGINAL_PARTITION_HEADER = 'kafka_dlt-original-partition';
export const DLT_ORIGINAL_OFFSET_HEADER = 'kafka_dlt-original-offset';
export const DLT_ORIGINAL_TIMESTAMP_HEADER = 'kafka_dlt-original-timestamp';
export const DLT_ORIGINAL_CONSUMER_GROUP_HEADER = 'kafka_dlt-original-consumer-group';
export const DLT_EXCEPTION_CLASS_HEADER = 'kafka_dlt-exception-fqcn';
export const DLT_EXCEPTION_MESSAGE_HEADER = 'kafka_dlt-exception-message';
/**
 * On a dead letter sent without its value because the record could never fit
 * in a produce request: the bytes the omitted value had.
 */
export const DLT_VALUE_OMITTED_BYTES_HEADER = 'kafka_dlt-value-omitted-bytes';
/**
 * On a record an operator replayed from the dead-letter topic: the dead letter it
 * came from, as `<topic>:<partition>:<offset>`. Kept on its later hops.
 */
export const REPLAYED_FROM_HEADER = 'replayed-from';
/**
 * Set when reading a record dropped some of its headers (a name too long, or
 * more headers than are kept): how many. Kept on its retry and dead-letter records.
 */
export const HEADERS_OMITTED_HEADER = 'headers-omitted';

/** Optional request header of POST /send-message: repeating a key repeats the answer, never the message. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** What an Idempotency-Key may be: 1 to 128 visible ASCII characters, no spaces. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]{1,128}$/;
/** Set to "true" on an answer that repeats an earlier request's outcome. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';
