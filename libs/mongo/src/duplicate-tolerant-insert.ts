import { bulkInsertResults } from './bulk-insert-results';
import { isDuplicateKeyError } from './is-duplicate-key-error';

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
