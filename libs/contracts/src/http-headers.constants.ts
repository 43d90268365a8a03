/** Optional request header of POST /send-message: repeating a key repeats the answer, never the message. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** What an Idempotency-Key may be: 1 to 128 visible ASCII characters, no spaces. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]{1,128}$/;
/** Set to "true" on an answer that repeats an earlier request's outcome. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';
