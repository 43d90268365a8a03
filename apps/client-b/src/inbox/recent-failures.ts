import { boundedText, ForwardedFailure, recordAddress } from '@app/kafka';
import { MESSAGE_ID_HEADER } from '@app/contracts';
import { Injectable } from '@nestjs/common';

/** How many recent failures an instance remembers. */
export const RECENT_FAILURES_KEPT = 100;
/** What they may weigh together: the newest are kept until this is reached. */
export const RECENT_FAILURES_MAX_BYTES = 64 * 1024;
/** Longest message id and error message kept; a record's header is not ours to keep whole. */
const MESSAGE_ID_MAX_BYTES = 64;
const ERROR_MESSAGE_MAX_LENGTH = 512;

/** One failed attempt, as the operator page lists it. */
export interface RecentFailure {
  readonly at: string;
  readonly messageId: string | null;
  /** `<topic>:<partition>:<offset>` of the record that failed. */
  readonly record: string;
  readonly errorClass: string;
  readonly errorMessage: string;
  /** Where it went: the retry topic (due again later) or the dead-letter topic. */
  readonly outcome: 'retry' | 'dead-letter';
  /** For a retry, which one it is (1, 2, 3); for a dead letter, the retries it had. */
  readonly retries: number;
}

/**
 * The last failed attempts of this instance, newest first, fed by the
 * consumer as each forward is acknowledged; at most RECENT_FAILURES_KEPT of
 * them and RECENT_FAILURES_MAX_BYTES together. In memory and per instance:
 * the dead-letter topic is the record of what failed for good.
 */
@Injectable()
export class RecentFailures {
  private kept: RecentFailure[] = [];

  // A flood forwards thousands at once: only the newest few are looked at, in one pass.
  add(forwarded: readonly ForwardedFailure[]): void {
    const newest = forwarded.slice(-RECENT_FAILURES_KEPT).reverse().map(toRecentFailure);
    this.kept = withinBudget([...newest, ...this.kept].slice(0, RECENT_FAILURES_KEPT));
  }

  latest(limit: number): RecentFailure[] {
    return this.kept.slice(0, limit);
  }
}

function withinBudget(failures: RecentFailure[]): RecentFailure[] {
  let bytes = 0;
  for (let index = 0; index < failures.length; index += 1) {
    bytes += sizeOf(failures[index]);
    if (bytes > RECENT_FAILURES_MAX_BYTES) return failures.slice(0, index);
  }
  return failures;
}

// Two bytes a character, and room for the object, its field names and numbers.
function sizeOf(failure: RecentFailure): number {
  const { at, messageId, record, errorClass, errorMessage } = failure;
  return 2 * (at.length + (messageId?.length ?? 0) + record.length + errorClass.length + errorMessage.length) + 256;
}

function toRecentFailure({ failure, destination, error, at }: ForwardedFailure): RecentFailure {
  const messageId = failure.record.headers[MESSAGE_ID_HEADER];
  return {
    at: new Date(at).toISOString(),
    messageId: messageId === undefined ? null : boundedText(messageId, MESSAGE_ID_MAX_BYTES),
    record: recordAddress(failure.record),
    errorClass: error.name.slice(0, 128),
    errorMessage: error.message.slice(0, ERROR_MESSAGE_MAX_LENGTH),
    outcome: destination.kind,
    retries: destination.kind === 'retry' ? destination.retry : destination.retries,
  };
}
