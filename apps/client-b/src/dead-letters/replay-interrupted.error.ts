/** A replay stopped by a broker or database failure; what it did before is in the message. Retriable: ask again. */
export class ReplayInterruptedError extends Error {
  override readonly name = 'ReplayInterruptedError';
  readonly retriable = true;
}
