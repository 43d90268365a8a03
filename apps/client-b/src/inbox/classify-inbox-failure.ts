import { InvalidClientMessageError } from '@app/contracts';
import { NonRetriableMessageError } from '@app/kafka';
import { isDuplicateKeyError } from '@app/mongo';

/** What a failure means for the record: try again, dead-letter it, or count it as stored. */
export type InboxFailureClass = 'retriable' | 'fatal' | 'already-stored';

// Errors no retry can fix: document validation failure, document too large.
const FATAL_SERVER_CODES = new Set([121, 10334, 17280]);

/**
 * Classifies a failure of storing a message. Network errors, timeouts and
 * not-primary errors are retriable; so is anything unknown, because a lost
 * message is worse than a late one.
 */
export function classifyInboxFailure(error: unknown): InboxFailureClass {
  if (error instanceof InvalidClientMessageError || error instanceof NonRetriableMessageError) return 'fatal';
  if (isDuplicateKeyError(error)) return 'already-stored';
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number' && FATAL_SERVER_CODES.has(code)) return 'fatal';
  return 'retriable';
}
