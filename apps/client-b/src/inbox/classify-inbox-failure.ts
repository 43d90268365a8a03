import { InvalidClientMessageError } from '@app/contracts';
import { NonRetriableMessageError } from '@app/kafka';

/** What a failure means for the record: try again, dead-letter it, or count it as stored. */
export type InboxFailureClass = 'retriable' | 'fatal' | 'already-stored';

const DUPLICATE_KEY_CODES = new Set([11000, 11001]);
// Errors no retry can fix: document validation failure, document too large.
const FATAL_SERVER_CODES = new Set([121, 10334, 17280]);

/**
 * Classifies a failure of storing a message. Network errors, timeouts and
 * not-primary errors are retriable; so is anything unknown, because a lost
 * message is worse than a late one.
 */
export function classifyInboxFailure(error: unknown): InboxFailureClass {
  if (error instanceof InvalidClientMessageError || error instanceof NonRetriableMessageError) return 'fatal';
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number' && DUPLICATE_KEY_CODES.has(code)) return 'already-stored';
  if (typeof code === 'number' && FATAL_SERVER_CODES.has(code)) return 'fatal';
  return 'retriable';
}
