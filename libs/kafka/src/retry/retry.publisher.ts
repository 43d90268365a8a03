import { Logger } from '@nestjs/common';
import { MESSAGE_ID_HEADER, MessagingTopics } from '@app/contracts';
import { OutgoingRecord } from '../producer/outgoing-record';
import { RecordProducer } from '../producer/record.producer';
import { BackoffPolicy } from './backoff.policy';
import { FailedRecordDestination, resolveDestination } from './destination.resolver';
import { DeadLetteredListener } from './dead-lettered.listener';
import { FailedRecord } from './failed-record';
import { deadLetterHeaders, failureHeaders, retryHeaders } from './retry-headers';

export interface RetryPublisherOptions {
  readonly groupId: string;
  readonly topics: MessagingTopics;
  readonly policy: BackoffPolicy;
  /** Told of records once their dead-letter write is acknowledged; see RetryTopicServerOptions. */
  readonly onDeadLettered?: DeadLetteredListener;
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

  async publish(failures: readonly FailedRecord[]): Promise<void> {
    if (failures.length === 0) return;
    const now = this.now();
    const routed = failures.map((failure) => ({ failure, destination: this.destinationOf(failure, now) }));
    const byTopic = new Map<string, OutgoingRecord[]>();
    for (const { failure, destination } of routed) {
      const records = byTopic.get(destination.topic) ?? [];
      records.push(this.toOutgoing(failure, destination, now));
      byTopic.set(destination.topic, records);
    }
    await Promise.all([...byTopic].map(([topic, records]) => this.producer.send(topic, records)));
    routed.forEach(({ failure, destination }) => this.logRouting(failure, destination, now));
    this.tellDeadLettered(routed.filter(({ destination }) => destination.kind === 'dead-letter').map(({ failure }) => failure));
  }

  // The listener's failure is its own: it must never fail the forward, or the offsets would not be committed.
  private tellDeadLettered(deadLettered: FailedRecord[]): void {
    const listener = this.options.onDeadLettered;
    if (!listener || deadLettered.length === 0) return;
    try {
      void Promise.resolve(listener(deadLettered)).catch((error: unknown) => this.warnListenerFailed(error));
    } catch (error) {
      this.warnListenerFailed(error);
    }
  }

  private warnListenerFailed(error: unknown): void {
    this.logger.warn(`onDeadLettered listener failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  private destinationOf(failure: FailedRecord, now: number): FailedRecordDestination {
    const facts = { retriable: failure.retriable, retriesSoFar: failure.retriesSoFar, now };
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

  private logRouting(failure: FailedRecord, destination: FailedRecordDestination, now: number): void {
    const messageId = failure.record.headers[MESSAGE_ID_HEADER] ?? 'unknown';
    const reason = `${failure.error.name}: ${failure.error.message}`;
    if (destination.kind === 'retry') {
      const inSeconds = ((destination.dueAt - now) / 1000).toFixed(0);
      this.logger.warn(`Retry scheduled #${destination.retry} for message ${messageId} in ${inSeconds} s (${reason})`);
      return;
    }
    this.logger.error(
      `Moved to DLQ message ${messageId} from ${failure.record.topic}[${failure.record.partition}]@${failure.record.offset} ` +
        `after ${destination.retries} retries (${reason})`,
    );
  }
}
