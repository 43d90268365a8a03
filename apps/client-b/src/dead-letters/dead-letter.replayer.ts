import { MESSAGING_TOPICS } from '@app/config';
import { MessagingError, MessagingTopics } from '@app/contracts';
import { DeadLetter, RecordProducer, replayRecord, withTimeout } from '@app/kafka';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClientBEnvironment } from '../config/client-b.environment';
import { DeadLetterPosition, DeadLetterReader, DeadLetterFilter } from './dead-letter.reader';
import { DeadLetterReplayRepository } from './dead-letter-replay.repository';

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

/** A replay stopped by a broker or database failure; what it did before is in the message. Retriable: ask again. */
export class ReplayInterruptedError extends MessagingError {}

/** Dead letters one request replays at most; the answer says when more matched. */
const MAX_REPLAYED_PER_REQUEST = 10_000;
/** Replays logged one line each per request; the rest are summed up. */
const LOGGED_ONE_BY_ONE = 20;
/** A claim older than this was left by a replayer that died before it published. */
const CLAIM_STALE_MS = 2 * 60_000;

/**
 * Puts dead letters back into the flow: each goes to the retry topic as
 * replayRecord builds it, with all its retries again. A dead letter is
 * replayed once: it is claimed in MongoDB by its address before it is
 * published, and a second replay answers "already replayed". Even a record
 * published twice is stored once, by the inbox's unique index.
 */
@Injectable()
export class DeadLetterReplayer {
  private readonly logger = new Logger(DeadLetterReplayer.name);
  private readonly publishTimeoutMs: number;

  constructor(
    private readonly reader: DeadLetterReader,
    private readonly replays: DeadLetterReplayRepository,
    private readonly producer: RecordProducer,
    private readonly counters: ReplayCounters,
    @Inject(MESSAGING_TOPICS) private readonly topics: MessagingTopics,
    env: ClientBEnvironment,
  ) {
    this.publishTimeoutMs = env.KAFKA_REQUEST_TIMEOUT_MS * 2;
  }

  async replayOne(position: DeadLetterPosition): Promise<ReplayOutcome> {
    const tally = new ReplayTally();
    await this.settle(tally, async () => {
      const deadLetter = await this.reader.find(position);
      if (deadLetter) return this.replayChunk([deadLetter], tally);
      tally.add(`${this.reader.topic}:${position.partition}:${position.offset}`, null, 'not-found');
    });
    return tally.outcome(true);
  }

  async replayMatching(filter: DeadLetterFilter): Promise<ReplayOutcome> {
    const tally = new ReplayTally();
    let complete = true;
    await this.settle(tally, async () => {
      for await (const chunk of this.reader.matching(filter)) {
        await this.replayChunk(chunk, tally);
        if (tally.counts.replayed >= MAX_REPLAYED_PER_REQUEST) {
          complete = false;
          return;
        }
      }
    });
    return tally.outcome(complete);
  }

  // Counted and summed up whether the replay finished or not.
  private async settle(tally: ReplayTally, work: () => Promise<void>): Promise<void> {
    try {
      await work();
      this.logger.log(`Replay of dead letters: ${tally.describe()}`);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.logger.error(`Replay of dead letters interrupted (${reason}) after ${tally.describe()}`);
      throw new ReplayInterruptedError(`replay interrupted (${reason}) after ${tally.describe()}`, { cause: error });
    } finally {
      this.counters.add(tally.counts);
    }
  }

  private async replayChunk(deadLetters: readonly DeadLetter[], tally: ReplayTally): Promise<void> {
    const withValue = deadLetters.filter(({ record }) => record.value !== null);
    deadLetters
      .filter(({ record }) => record.value === null)
      .forEach((entry) => tally.add(entry.address, entry.messageId, 'not-replayable'));
    const now = Date.now();
    const held = await this.replays.claim(
      withValue.map(({ address, messageId }) => ({ address, messageId })),
      new Date(now),
      new Date(now - CLAIM_STALE_MS),
    );
    withValue
      .filter(({ address }) => !held.has(address))
      .forEach((entry) => tally.add(entry.address, entry.messageId, 'already-replayed'));
    const claimed = withValue.filter(({ address }) => held.has(address));
    if (claimed.length === 0) return;
    await this.publish(claimed, now);
    claimed.forEach((entry, index) => {
      if (tally.counts.replayed + index < LOGGED_ONE_BY_ONE) {
        this.logger.log(
          `Replayed dead letter ${entry.address} (message ${entry.messageId ?? 'unknown'}) to ${this.topics.retry}`,
        );
      }
    });
    claimed.forEach((entry) => tally.add(entry.address, entry.messageId, 'replayed'));
  }

  // Published, then confirmed; a publish that is not acknowledged gives its claims back.
  private async publish(claimed: readonly DeadLetter[], now: number): Promise<void> {
    const addresses = claimed.map(({ address }) => address);
    const send = this.producer.send(
      this.topics.retry,
      claimed.map((deadLetter) => replayRecord(deadLetter, now)),
    );
    send.catch(() => undefined); // settled below; a late rejection must not go unhandled
    try {
      await withTimeout(send, this.publishTimeoutMs, `replaying ${claimed.length} dead letter(s)`);
    } catch (error) {
      await this.replays
        .release(addresses)
        .catch((releaseError: Error) => this.logger.warn(`Could not release replay claims: ${releaseError.message}`));
      throw error;
    }
    await this.replays.confirm(addresses, new Date());
  }
}
