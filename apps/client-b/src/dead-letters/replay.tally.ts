/** What became of one dead letter a replay was asked for. */
export type ReplayResult = 'replayed' | 'already-replayed' | 'not-found' | 'not-replayable';

export interface ReplayCounts {
  replayed: number;
  alreadyReplayed: number;
  notFound: number;
  /** Dead letters without their value (too large to forward): nothing to replay. */
  notReplayable: number;
}

export interface ReplayEntry {
  /** `<topic>:<partition>:<offset>` of the dead letter. */
  readonly deadLetter: string;
  readonly messageId: string | null;
  readonly result: ReplayResult;
}

/** The answer to a replay: the counts, the entries (the first ones), and whether every match was handled. */
export interface ReplayOutcome extends ReplayCounts {
  readonly entries: ReplayEntry[];
  readonly complete: boolean;
}

/** Entries an answer lists; the counts cover all. */
const LISTED_ENTRIES = 1000;

const COUNTER: Record<ReplayResult, keyof ReplayCounts> = {
  replayed: 'replayed',
  'already-replayed': 'alreadyReplayed',
  'not-found': 'notFound',
  'not-replayable': 'notReplayable',
};

/** Counts a replay's results as they come. */
export class ReplayTally {
  readonly counts: ReplayCounts = { replayed: 0, alreadyReplayed: 0, notFound: 0, notReplayable: 0 };
  private readonly entries: ReplayEntry[] = [];

  add(deadLetter: string, messageId: string | null, result: ReplayResult): void {
    this.counts[COUNTER[result]] += 1;
    if (this.entries.length < LISTED_ENTRIES) this.entries.push({ deadLetter, messageId, result });
  }

  outcome(complete: boolean): ReplayOutcome {
    return { ...this.counts, entries: [...this.entries], complete };
  }

  describe(): string {
    const { replayed, alreadyReplayed, notFound, notReplayable } = this.counts;
    return `${replayed} replayed, ${alreadyReplayed} already replayed, ${notFound} not found, ${notReplayable} not replayable`;
  }
}
