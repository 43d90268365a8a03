/**
 * The database did not take a write for a reason that may pass: the network,
 * a timeout, a failover, or anything unrecognised. Retriable.
 */
export class StorageFailedError extends Error {
  override readonly name = 'StorageFailedError';
  readonly retriable = true;

  constructor(cause: unknown) {
    super(describe(cause), { cause });
  }
}

// The driver's class stays readable in the message (and so in a dead letter's headers).
function describe(cause: unknown): string {
  if (cause instanceof Error) return `${cause.name}: ${cause.message}`;
  return String(cause);
}
