import { isDuplicateKeyError } from './write-errors';

interface BulkWriteErrorLike {
  writeErrors?: WriteErrorLike[];
  result?: { insertedCount?: number };
}

// The driver's WriteError exposes code and errmsg as getters; Mongoose's
// insertMany wraps them as { err: { code, errmsg }, index }. Both are read.
interface WriteErrorLike {
  index: number;
  code?: number;
  errmsg?: string;
  err?: { code?: number; errmsg?: string };
}

/** A document's own write error, with MongoDB's code (11000 for a duplicate key). */
export type DocumentWriteError = Error & { code?: number };

/**
 * Runs one unordered bulk insert of `count` documents and tells, per
 * document, undefined when it was inserted or the error that stopped it.
 * Per-document errors are trusted only when the server accounted for every
 * document (inserted + rejected = sent): a network failure arrives as a bulk
 * error with no write errors, and then every document failed with it.
 */
export async function bulkInsertResults(insert: () => Promise<unknown>, count: number): Promise<(Error | undefined)[]> {
  try {
    await insert();
    return Array.from({ length: count }, () => undefined);
  } catch (error) {
    const { writeErrors, result } = error as BulkWriteErrorLike;
    const rejected = Array.isArray(writeErrors) ? writeErrors : [];
    const accountedFor = rejected.length > 0 && (result?.insertedCount ?? 0) + rejected.length === count;
    // A single-document insert fails with the document's own error.
    if (!accountedFor) return Array.from({ length: count }, () => error as Error);
    const results: (Error | undefined)[] = Array.from({ length: count }, () => undefined);
    for (const writeError of rejected) results[writeError.index] = toDocumentError(writeError);
    return results;
  }
}

function toDocumentError(writeError: WriteErrorLike): DocumentWriteError {
  const error: DocumentWriteError = new Error(writeError.err?.errmsg ?? writeError.errmsg ?? 'write error');
  error.name = 'MongoWriteError';
  error.code = writeError.err?.code ?? writeError.code;
  return error;
}

/**
 * Runs one unordered bulk insert and tells, per document, whether it was
 * inserted (true) or already there (false). Any other failure of any
 * document rejects the whole batch (see bulkInsertResults for what is trusted).
 */
export async function duplicateTolerantInsert(insert: () => Promise<unknown>, count: number): Promise<boolean[]> {
  const results = await bulkInsertResults(insert, count);
  const failure = results.find((error) => error !== undefined && !isDuplicateKeyError(error));
  if (failure) throw failure;
  return results.map((error) => error === undefined);
}
