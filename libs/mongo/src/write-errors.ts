import { MessagingError } from '@app/contracts';
/**
 * The database did not take a write for a reason that may pass: the network,
 * a timeout, a failover, or anything unrecognised. Retriable.
 */
export class StorageFailedError extends MessagingError {
  constructor(cause: unknown) {
    super(describe(cause), { cause, retriable: true });
  }
}

// The driver's class stays readable in the message (and so in a dead letter's headers).
function describe(cause: unknown): string {
  if (cause instanceof Error) return `${cause.name}: ${cause.message}`;
  return String(cause);
}

/**
 * The database refused the document itself (it fails validation, it is too
 * large): writing it again can never succeed. Not retriable.
 */
export class DocumentRejectedError extends MessagingError {
  constructor(cause: Error & { code?: number }) {
    const code = cause.code === undefined ? '' : ` ${cause.code}`;
    super(`${cause.name}${code}: ${cause.message}`, { cause, retriable: false });
  }
}

const DUPLICATE_KEY_CODES = new Set([11000, 11001]);

/** True for MongoDB's "duplicate key" write error, in the driver's and Mongoose's shapes. */
export function isDuplicateKeyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && DUPLICATE_KEY_CODES.has(code);
}

/** What became of one document's insert, in our own terms. */
export type InsertResult = 'inserted' | 'already-stored' | StorageFailedError | DocumentRejectedError;

// Errors no retry can fix: document validation failure, document too large.
const REJECTED_DOCUMENT_CODES = new Set([121, 10334, 17280]);

/**
 * Turns a MongoDB write error into our vocabulary: a duplicate key means the
 * document was stored before (a redelivery); a refused document cannot be
 * fixed by a retry; anything else (network, timeout, not primary, unknown)
 * may pass, because a lost message is worse than a late one.
 */
export function translateWriteError(error: unknown): Exclude<InsertResult, 'inserted'> {
  if (isDuplicateKeyError(error)) return 'already-stored';
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number' && REJECTED_DOCUMENT_CODES.has(code) && error instanceof Error) {
    return new DocumentRejectedError(error);
  }
  return new StorageFailedError(error);
}

/** Failures of a request that never reached the server, or that the client library refused itself. */
const NEVER_SENT = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoWaitQueueTimeoutError',
  'MongoPoolClearedError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongooseError',
]);
const NETWORK_FAILURES = new Set(['MongoNetworkError', 'MongoNetworkTimeoutError']);

/**
 * Whether a failed write may still have been applied: true when the request
 * may have reached the server and its answer was lost (a network error or a
 * timeout after sending, or anything unrecognised); false when it never left
 * or the server answered with an error code.
 */
export function mayHaveBeenApplied(error: unknown): boolean {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  if (typeof name === 'string' && NETWORK_FAILURES.has(name)) return true;
  if (typeof name === 'string' && NEVER_SENT.has(name)) return false;
  return typeof code !== 'number';
}
