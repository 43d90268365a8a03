import { DeadLetter } from '@app/kafka';

/** Which dead letters an operator means: by the last error's class and by when they were dead-lettered. */
export interface DeadLetterFilter {
  readonly errorClass?: string;
  /** Dead-lettered at or after. */
  readonly since?: Date;
  /** Dead-lettered before. */
  readonly until?: Date;
}

export function matchesFilter(deadLetter: DeadLetter, filter: DeadLetterFilter): boolean {
  if (filter.errorClass !== undefined && deadLetter.errorClass !== filter.errorClass) return false;
  // A dead letter with no readable time matches no time filter (but is listed without one).
  const at = deadLetter.deadLetteredAt;
  if (filter.since !== undefined && (at === null || at < filter.since.getTime())) return false;
  if (filter.until !== undefined && (at === null || at >= filter.until.getTime())) return false;
  return true;
}
