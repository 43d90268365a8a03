/**
 * A record that alone exceeds what one produce request may carry
 * (`KAFKA_MAX_REQUEST_BYTES`): sending it again can never succeed.
 */
export class RecordTooLargeError extends Error {
  override readonly name: string = 'RecordTooLargeError';
  readonly retriable = false;

  constructor(
    readonly recordBytes: number,
    readonly limitBytes: number,
    topic: string,
    /** What else the reader should know, e.g. the failure that sent the record on. */
    detail?: string,
  ) {
    const message = `a record of ${recordBytes} bytes for ${topic} exceeds the ${limitBytes}-byte request limit`;
    super(detail ? `${message}; ${detail}` : message);
  }
}
