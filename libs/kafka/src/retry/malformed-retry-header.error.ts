import { NonRetriableMessageError } from '../errors/non-retriable-message.error';

/** A `retry` or due-time header we did not write: the record's history cannot be trusted. */
export class MalformedRetryHeaderError extends NonRetriableMessageError {
  override readonly name = 'MalformedRetryHeaderError';
}
