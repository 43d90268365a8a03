import { Logger } from '@nestjs/common';
import { UnacknowledgedWriteError } from '../errors/kafka.errors';
import { BackoffPolicy, retryDelayMs } from '../retry/backoff.policy';
import { FailedRecord } from '../retry/failed-record';
import { readRetryState, RetryState } from '../retry/retry-state';
import { RetryPublisher } from '../retry/retry.publisher';
import { BatchHandler } from './batch-handler';
import { ForwardBackoff, forwardRetryDelayMs } from './forward-backoff';
import { InboundRecord } from './inbound-record';
import { recordFailed, RecordOutcome } from './record-outcome';

/**
 * Hands due records to the handler and forwards every failure to the retry or
 * dead-letter topic. Resolves only when those writes are acknowledged; rejects
 * when they are not (or the handler throws UnacknowledgedWriteError), so the
 * caller commits nothing.
 */
export class RecordProcessor {
  private readonly logger = new Logger(RecordProcessor.name);
  // Each record's retry headers are read once, when it is first seen, and reused by every later step.
  private readonly retryStates = new WeakMap<InboundRecord, RetryState>();

  constructor(
    private readonly handler: BatchHandler,
    private readonly publisher: RetryPublisher,
    private readonly policy: BackoffPolicy,
    private readonly forwardBackoff: ForwardBackoff,
    private readonly delay: (ms: number) => Promise<void>,
  ) {}

  /**
   * Processes the batch until its forward is acknowledged, backing off between
   * attempts; resolves false, unfinished, once `stillOurs` says the batch
   * belongs to someone else (a rebalance or a stop): it is read again there.
   */
  async processUntilAcknowledged(
    records: InboundRecord[],
    topic: string,
    partition: number,
    stillOurs: () => boolean,
  ): Promise<boolean> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.process(records, topic, partition);
        return true;
      } catch (error) {
        if (!stillOurs()) return false;
        const waitMs = forwardRetryDelayMs(this.forwardBackoff, attempt);
        this.logger.error({
          msg:
            `Could not forward failed records of ${topic}[${partition}] (attempt ${attempt}, ${records.length} records): ` +
            `${asError(error).message}; processing them again in ${waitMs} ms`,
          topic,
          partition,
          offset: records[0]?.offset,
        });
        await this.delay(waitMs);
        if (!stillOurs()) return false;
      }
    }
  }

  async process(records: InboundRecord[], topic: string, partition: number): Promise<void> {
    const failures: FailedRecord[] = [];
    const accepted: { record: InboundRecord; retriesSoFar: number }[] = [];
    for (const record of records) {
      const state = this.retryStateOf(record);
      if (state.valid) accepted.push({ record, retriesSoFar: state.retriesSoFar });
      else failures.push({ record, error: state.error, retriesSoFar: 0 });
    }
    const outcomes = await this.invokeHandler(
      accepted.map((entry) => entry.record),
      topic,
      partition,
    );
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'done') return;
      failures.push({ ...accepted[index], error: outcome.error });
    });
    await this.publisher.publish(failures);
  }

  /** When a record must wait until; 0 (at once) when its header is malformed, which then dead-letters it. */
  dueAtOf(record: InboundRecord): number {
    const state = this.retryStateOf(record);
    return state.valid ? state.dueAt : 0;
  }

  private retryStateOf(record: InboundRecord): RetryState {
    let state = this.retryStates.get(record);
    if (state === undefined) {
      state = readRetryState(record.headers, this.policy.maxRetries, this.latestDueAt());
      this.retryStates.set(record, state);
    }
    return state;
  }

  // The furthest a due time we wrote can be ahead, with a minute's slack for clock skew.
  private latestDueAt(): number {
    return Date.now() + retryDelayMs(this.policy, this.policy.maxRetries) + 60_000;
  }

  private async invokeHandler(records: InboundRecord[], topic: string, partition: number): Promise<RecordOutcome[]> {
    if (records.length === 0) return [];
    try {
      const outcomes = await this.handler(records, topic, partition);
      if (outcomes.length === records.length) return outcomes;
      throw new Error(`handler returned ${outcomes.length} outcomes for ${records.length} records`);
    } catch (error) {
      // Not the records' failure: the whole batch is processed again.
      if (error instanceof UnacknowledgedWriteError) throw error;
      // An unexpected throw fails every record with it; its flag decides (unknown errors are retriable).
      return records.map(() => recordFailed(asError(error)));
    }
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
