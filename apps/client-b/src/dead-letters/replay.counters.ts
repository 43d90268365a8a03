import { Injectable } from '@nestjs/common';
import { ReplayCounts } from './replay.tally';

/** Replays of this instance since it started, by result (GET /admin/consumer shows them). */
@Injectable()
export class ReplayCounters {
  private readonly totals: ReplayCounts = { replayed: 0, alreadyReplayed: 0, notFound: 0, notReplayable: 0 };

  add(counts: ReplayCounts): void {
    for (const key of Object.keys(this.totals) as (keyof ReplayCounts)[]) this.totals[key] += counts[key];
  }

  snapshot(): ReplayCounts {
    return { ...this.totals };
  }
}
