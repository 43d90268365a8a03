/** A broker call did not finish within its bound; the caller may try again later. */
export class KafkaTimeoutError extends Error {
  override readonly name = 'KafkaTimeoutError';
  readonly retriable = true;
}
