import { Logger } from '@nestjs/common';
import { MessagingTopics } from '@app/contracts';
import { recordLogFields } from '../consumer/record-log-fields';
import { isRetriable } from '@app/contracts';
import { RecordTooLargeError } from '../errors/kafka.errors';
import { OutgoingRecord } from '../producer/outgoing-record';
import { recordSizeInBytes } from '../producer/record-size';
import { RecordProducer } from '../producer/record.producer';
import { ConsumerMetrics, NO_CONSUMER_METRICS } from '../metrics/consumer-metrics';
import { BackoffPolicy } from './backoff.policy';
import { FailedRecordDestination, resolveDestination } from './destination.resolver';
import { DeadLetteredListener } from './dead-lettered.listener';
import { FailedRecord } from './failed-record';
import { ForwardedListener } from './forwarded-failure';
import { payloadlessDeadLetter } from './payloadless-dead-letter';
import { deadLetterHeaders, failureHeaders, retryHeaders } from './retry-headers';

export interface RetryPublisherOptions {
  readonly groupId: string;
  readonly topics: MessagingTopics;
  readonly policy: BackoffPolicy;
  /** Awaited once the dead-letter writes are acknowledged; see RetryTopicServerOptions. */
  readonly onDeadLettered?: DeadLetteredListener;
  readonly metrics?: ConsumerMetrics;
  /** Told of every acknowledged forward, retries and dead letters alike; see RetryTopicServerOptions. */
  readonly onForwarded?: ForwardedListener;
}

/** Failures of one forward logged one line each; the rest are summed up in one line. */
const LOGGED_ONE_BY_ONE = 20;

interface Routed {
  readonly failure: FailedRecord;
  readonly destination: FailedRecordDestination;
  readonly outgoing: OutgoingRecord;
  /** Set when the record went to the dead-letter topic without its value. */
  readonly tooLarge?: RecordTooLargeError;
}

/**
 * Writes failed records to the retry or dead-letter topic, key and value
 * unchanged, and resolves only once the broker has acknowledged every write:
 * the caller commits the source offsets after that, never before.
 */
export class RetryPublisher {
  private readonly logger = new Logger('RetryPublisher');

  constructor(
    private readonly producer: RecordProducer,
    private readonly options: RetryPublisherOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Resolves once every write and the dead-letter listener are acknowledged;
   * rejects otherwise, and the caller commits nothing and tries again.
   */
  async publish(failures: readonly FailedRecord[]): Promise<void> {
    if (failures.length === 0) return;
    const now = this.now();
    const routed = failures.map((failure) => this.route(failure, now));
    const byTopic = new Map<string, OutgoingRecord[]>();
    for (const { destination, outgoing } of routed) {
      const records = byTopic.get(destination.topic) ?? [];
      records.push(outgoing);
      byTopic.set(destination.topic, records);
    }
    // One send: written in one transaction (see RecordProducer), so a slice never half succeeds.
    await this.producer.sendAll([...byTopic].map(([topic, records]) => ({ topic, records })));
    this.logAll(routed, now);
    this.count(routed);
    this.tellForwarded(routed, now);
    const deadLettered = routed.filter(({ destination }) => destination.kind === 'dead-letter');
    if (deadLettered.length > 0) await this.options.onDeadLettered?.(deadLettered.map(({ failure }) => failure));
  }

  // A record that can never fit in a produce request goes to the dead-letter topic without its value.
  private route(failure: FailedRecord, now: number): Routed {
    const destination = this.destinationOf(failure, now);
    const outgoing = this.toOutgoing(failure, destination, now);
    const bytes = recordSizeInBytes(outgoing);
    if (bytes <= this.producer.maxRecordsBytes) return { failure, destination, outgoing };
    const detail = `it had failed with ${failure.error.name}: ${failure.error.message}`;
    const tooLarge = new RecordTooLargeError(bytes, this.producer.maxRecordsBytes, destination.topic, detail);
    const deadLetter = {
      kind: 'dead-letter',
      topic: this.options.topics.deadLetter,
      retries: failure.retriesSoFar,
    } as const;
    return {
      failure,
      destination: deadLetter,
      outgoing: payloadlessDeadLetter(failure, tooLarge, this.options.groupId, now),
      tooLarge,
    };
  }

  private destinationOf(failure: FailedRecord, now: number): FailedRecordDestination {
    const facts = { retriable: isRetriable(failure.error), retriesSoFar: failure.retriesSoFar, now };
    return resolveDestination(facts, this.options.policy, this.options.topics);
  }

  private toOutgoing(failure: FailedRecord, destination: FailedRecordDestination, now: number): OutgoingRecord {
    const base = failureHeaders(failure.record, failure.error, this.options.groupId, now);
    const headers =
      destination.kind === 'retry'
        ? retryHeaders(base, destination.retry, destination.dueAt)
        : deadLetterHeaders(base, destination.retries);
    // The record's timestamp is the failure time its due time was computed from.
    return { key: failure.record.key, value: failure.record.value, headers, timestamp: String(now) };
  }

  private count(routed: readonly Routed[]): void {
    const metrics = this.options.metrics ?? NO_CONSUMER_METRICS;
    for (const { failure, destination, tooLarge } of routed) {
      if (destination.kind === 'retry') metrics.retryScheduled(destination.retry);
      else metrics.deadLettered((tooLarge ?? failure.error).name);
    }
  }

  private tellForwarded(routed: readonly Routed[], now: number): void {
    try {
      this.options.onForwarded?.(
        routed.map(({ failure, destination, tooLarge }) => ({
          failure,
          destination,
          error: tooLarge ?? failure.error,
          at: now,
        })),
      );
    } catch (error) {
      this.logger.warn(`A forward listener failed: ${(error as Error).message}`);
    }
  }

  // A flood of bad records must not become a flood of log lines: past the first
  // LOGGED_ONE_BY_ONE of a forward, one line sums up the rest with their offsets.
  private logAll(routed: readonly Routed[], now: number): void {
    routed
      .slice(0, LOGGED_ONE_BY_ONE)
      .forEach(({ failure, destination, tooLarge }) => this.logRouting(failure, destination, now, tooLarge));
    const rest = routed.slice(LOGGED_ONE_BY_ONE);
    const deadLettered = rest.filter(({ destination }) => destination.kind === 'dead-letter');
    const retried = rest.filter(({ destination }) => destination.kind === 'retry');
    if (deadLettered.length > 0)
      this.logger.error({ msg: `Moved to DLQ ${summary(deadLettered)}`, ...summaryFields(deadLettered) });
    if (retried.length > 0)
      this.logger.warn({ msg: `Retry scheduled for ${summary(retried)}`, ...summaryFields(retried) });
  }

  private logRouting(
    failure: FailedRecord,
    destination: FailedRecordDestination,
    now: number,
    tooLarge?: RecordTooLargeError,
  ): void {
    const fields = { ...recordLogFields(failure.record), destination: destination.topic };
    const messageId = fields.messageId ?? 'unknown';
    const error = tooLarge ?? failure.error;
    const reason = `${error.name}: ${error.message}`;
    if (destination.kind === 'retry') {
      const inSeconds = ((destination.dueAt - now) / 1000).toFixed(0);
      const msg = `Retry scheduled #${destination.retry} for message ${messageId} in ${inSeconds} s (${reason})`;
      this.logger.warn({ msg, ...fields, retry: destination.retry });
      return;
    }
    const msg =
      `Moved to DLQ message ${messageId} from ${failure.record.topic}[${failure.record.partition}]@${failure.record.offset} ` +
      `after ${destination.retries} retries${tooLarge ? ' without its value' : ''} (${reason})`;
    this.logger.error({ msg, ...fields, retries: destination.retries });
  }
}

// A summed-up line is about many records: where they start is what it can say in fields.
function summaryFields(routed: readonly Routed[]) {
  const { topic, partition, offset } = routed[0].failure.record;
  return { topic, partition, offset, records: routed.length };
}

function summary(routed: readonly Routed[]): string {
  const first = routed[0].failure;
  const last = routed[routed.length - 1].failure.record;
  return (
    `${routed.length} more records of ${first.record.topic}[${first.record.partition}], ` +
    `offsets ${first.record.offset}..${last.offset} (the first: ${first.error.name}: ${first.error.message})`
  );
}
