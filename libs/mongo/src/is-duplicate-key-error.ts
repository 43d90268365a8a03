const DUPLICATE_KEY_CODES = new Set([11000, 11001]);

/** True for MongoDB's "duplicate key" write error, in the driver's and Mongoose's shapes. */
export function isDuplicateKeyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && DUPLICATE_KEY_CODES.has(code);
}
