import { DocumentRejectedError } from './document-rejected.error';
import { isDuplicateKeyError } from './is-duplicate-key-error';
import { StorageFailedError } from './storage-failed.error';

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
