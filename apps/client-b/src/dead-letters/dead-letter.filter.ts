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
  if (filter.since !== undefined && deadLetter.deadLetteredAt < filter.since.getTime()) return false;
  if (filter.until !== undefined && deadLetter.deadLetteredAt >= filter.until.getTime()) return false;
  return true;
}
