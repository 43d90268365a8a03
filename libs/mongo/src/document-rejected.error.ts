/**
 * The database refused the document itself (it fails validation, it is too
 * large): writing it again can never succeed. Not retriable.
 */
export class DocumentRejectedError extends Error {
  override readonly name = 'DocumentRejectedError';
  readonly retriable = false;

  constructor(cause: Error & { code?: number }) {
    const code = cause.code === undefined ? '' : ` ${cause.code}`;
    super(`${cause.name}${code}: ${cause.message}`, { cause });
  }
}
