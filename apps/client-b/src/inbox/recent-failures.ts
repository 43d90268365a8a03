import { ForwardedFailure, recordAddress } from '@app/kafka';
import { MESSAGE_ID_HEADER } from '@app/contracts';
import { Injectable } from '@nestjs/common';

/** How many recent failures an instance remembers. */
export const RECENT_FAILURES_KEPT = 100;

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
 * consumer as each forward is acknowledged. In memory and per instance: the
 * dead-letter topic is the record of what failed for good.
 */
@Injectable()
export class RecentFailures {
  private kept: RecentFailure[] = [];

  // A flood forwards thousands at once: only the newest few are looked at, in one pass.
  add(forwarded: readonly ForwardedFailure[]): void {
    const newest = forwarded.slice(-RECENT_FAILURES_KEPT).reverse().map(toRecentFailure);
    this.kept = [...newest, ...this.kept].slice(0, RECENT_FAILURES_KEPT);
  }

  latest(limit: number): RecentFailure[] {
    return this.kept.slice(0, limit);
  }
}

function toRecentFailure({ failure, destination, error, at }: ForwardedFailure): RecentFailure {
  return {
    at: new Date(at).toISOString(),
    messageId: failure.record.headers[MESSAGE_ID_HEADER] ?? null,
    record: recordAddress(failure.record),
    errorClass: error.name,
    errorMessage: error.message.slice(0, 512),
    outcome: destination.kind,
    retries: destination.kind === 'retry' ? destination.retry : destination.retries,
  };
}
