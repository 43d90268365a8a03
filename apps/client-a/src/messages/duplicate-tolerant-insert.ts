import { isDuplicateKeyError } from './is-duplicate-key-error';

interface BulkWriteErrorLike {
  writeErrors?: WriteErrorLike[];
  result?: { insertedCount?: number };
}

// The driver's WriteError exposes code as a getter; Mongoose's insertMany wraps
// it as { err: { code }, index }. Both shapes are read.
interface WriteErrorLike {
  index: number;
  code?: number;
  err?: { code?: number };
}

/**
 * Runs one unordered bulk insert and tells, per document, whether it was
 * inserted (true) or already there (false). Any other failure rejects the
 * whole batch. Per-document results are trusted only when the server
 * accounted for every document: a network failure arrives as a bulk error
 * with no write errors, and then nothing is known.
 */
export async function duplicateTolerantInsert(insert: () => Promise<unknown>, count: number): Promise<boolean[]> {
  try {
    await insert();
    return Array.from({ length: count }, () => true);
  } catch (error) {
    if (count === 1 && isDuplicateKeyError(error)) return [false];
    const { writeErrors, result } = error as BulkWriteErrorLike;
    const rejected = Array.isArray(writeErrors) ? writeErrors : [];
    const accountedFor = rejected.length > 0 && (result?.insertedCount ?? 0) + rejected.length === count;
    if (!accountedFor || !rejected.every((writeError) => isDuplicateKeyError(writeError.err ?? writeError))) throw error;
    const inserted = Array.from({ length: count }, () => true);
    for (const { index } of rejected) inserted[index] = false;
    return inserted;
  }
}
