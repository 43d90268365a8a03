import { ClientMessagePayload, InvalidClientMessageError, parseClientMessage } from '@app/contracts';
import { InboundRecord, RECORD_DONE, recordFailed, recordLogFields, RecordOutcome } from '@app/kafka';
import { InsertResult } from '@app/mongo';
import { Injectable, Logger, Inject } from '@nestjs/common';
import { ClientBEnvironment } from '../config/client-b.environment';
import { StoredMessagesFeed } from './stored-messages.feed';
import { DeliveryReceiptPublisher, FinishedMessage } from '../receipts/delivery-receipt.publisher';
import { FaultInjector } from './fault.injector';
import { InboxMessageView, toInboxMessageView } from './inbox-message.view';
import { inboxCopy, ReceivedMessageRepository } from './received-message.repository';
import { METRICS_PREFIX, METRICS_REGISTRY } from '@app/metrics';
import { Counter, Histogram, Registry } from 'prom-client';

/** client-b's side of `/metrics`: messages stored and ignored, and how long a message took from accepted to stored. */
@Injectable()
export class InboxMetrics {
  private readonly storedTotal: Counter;
  private readonly ignoredTotal: Counter;
  private readonly endToEndSeconds: Histogram;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    const registers = [registry];
    this.storedTotal = new Counter({
      name: `${METRICS_PREFIX}messages_stored_total`,
      help: 'Messages stored in the inbox (a redelivery of a stored one is not counted again)',
      registers,
    });
    this.ignoredTotal = new Counter({
      name: `${METRICS_PREFIX}messages_ignored_total`,
      help: 'Messages for another recipient, committed without storing',
      registers,
    });
    this.endToEndSeconds = new Histogram({
      name: `${METRICS_PREFIX}end_to_end_seconds`,
      help: "From client-a's acceptance (acceptedAt) to the inbox copy being stored; includes retry delays",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
  }

  stored(payload: ClientMessagePayload): void {
    this.storedTotal.inc();
    // Clocks of two hosts: a negative difference (skew) is counted as zero.
    this.endToEndSeconds.observe(Math.max(0, Date.now() - Date.parse(payload.acceptedAt)) / 1000);
  }

  ignored(): void {
    this.ignoredTotal.inc();
  }
}

/** Invalid records of one batch logged one line each; the rest are summed up in one line. */
const INVALID_LOGGED_ONE_BY_ONE = 20;

interface Storable {
  readonly index: number;
  readonly record: InboundRecord;
  readonly payload: ClientMessagePayload;
}

/** What a batch came to, for its receipts. */
interface Finished {
  readonly stored: FinishedMessage[];
  readonly ignored: FinishedMessage[];
}

/**
 * Decides what each record means for this inbox: store it (one bulk write per
 * batch), ignore it (addressed to someone else), or fail it with a class the
 * retry path understands. Stored and ignored messages get a delivery receipt,
 * acknowledged before the batch's outcomes are returned.
 */
@Injectable()
export class InboxService {
  private readonly logger = new Logger(InboxService.name);
  private readonly address: string;

  constructor(
    private readonly repository: ReceivedMessageRepository,
    private readonly faults: FaultInjector,
    private readonly receipts: DeliveryReceiptPublisher,
    private readonly feed: StoredMessagesFeed,
    private readonly metrics: InboxMetrics,
    env: ClientBEnvironment,
  ) {
    this.address = env.INBOX_ADDRESS;
  }

  async receive(records: InboundRecord[]): Promise<RecordOutcome[]> {
    const outcomes: RecordOutcome[] = records.map(() => RECORD_DONE);
    const storable: Storable[] = [];
    const finished: Finished = { stored: [], ignored: [] };
    const invalid: InboundRecord[] = [];
    records.forEach((record, index) => {
      const outcome = this.triage(record, index, storable, finished, invalid);
      if (outcome) outcomes[index] = outcome;
    });
    this.summariseInvalid(invalid);
    await this.store(storable, outcomes, finished);
    // The batch is committed only once its receipts are acknowledged (a throw here processes it again).
    await Promise.all([
      this.receipts.finished(finished.stored, 'stored'),
      this.receipts.finished(finished.ignored, 'ignored'),
    ]);
    return outcomes;
  }

  // One bulk write; what it stored now (not what was stored before) is announced to live subscribers.
  private async store(storable: Storable[], outcomes: RecordOutcome[], finished: Finished): Promise<void> {
    if (storable.length === 0) return;
    const slot = this.feed.openSlot();
    const announced: InboxMessageView[] = [];
    try {
      const documents = storable.map(({ payload }) => toDocument(payload));
      const results = await this.repository.saveMany(documents, slot.receivedAt);
      results.forEach((result, position) => {
        const { index, record, payload } = storable[position];
        outcomes[index] = this.outcomeOfSave(record, payload, result);
        if (outcomes[index].status === 'done') finished.stored.push(finishedMessage(record, payload));
        if (result === 'inserted') announced.push(toInboxMessageView(inboxCopy(documents[position], slot.receivedAt)));
      });
    } finally {
      slot.fill(announced);
    }
  }

  // A flood of invalid records is summed up after the first few, not logged one line each.
  private summariseInvalid(invalid: InboundRecord[]): void {
    if (invalid.length <= INVALID_LOGGED_ONE_BY_ONE) return;
    const [first, last] = [invalid[INVALID_LOGGED_ONE_BY_ONE], invalid[invalid.length - 1]];
    this.logger.warn({
      msg: `Invalid records: ${invalid.length - INVALID_LOGGED_ONE_BY_ONE} more of ${first.topic}[${first.partition}], offsets ${first.offset}..${last.offset}`,
      topic: first.topic,
      partition: first.partition,
      offset: first.offset,
    });
  }

  /** Returns the outcome of a record that is not stored, or queues it for the bulk write. */
  private triage(
    record: InboundRecord,
    index: number,
    storable: Storable[],
    finished: Finished,
    invalid: InboundRecord[],
  ): RecordOutcome | undefined {
    let payload: ClientMessagePayload;
    try {
      payload = parseClientMessage(record.value);
    } catch (error) {
      invalid.push(record);
      if (invalid.length <= INVALID_LOGGED_ONE_BY_ONE) {
        const msg = `Invalid record ${record.topic}[${record.partition}]@${record.offset}: ${(error as Error).message}`;
        this.logger.warn({ msg, ...recordLogFields(record) });
      }
      return recordFailed(error as InvalidClientMessageError);
    }
    if (payload.to !== this.address) {
      this.logger.log({
        msg: `Message ignored ${payload.messageId} (to ${payload.to})`,
        ...logFields(record, payload),
      });
      finished.ignored.push(finishedMessage(record, payload));
      this.metrics.ignored();
      return RECORD_DONE;
    }
    const fault = this.faults.faultFor(payload.message);
    if (fault) return recordFailed(fault);
    storable.push({ index, record, payload });
    return undefined;
  }

  private outcomeOfSave(record: InboundRecord, payload: ClientMessagePayload, result: InsertResult): RecordOutcome {
    if (result === 'inserted') {
      this.logger.log({
        msg: `Message saved ${payload.messageId} (${payload.from} -> ${payload.to})`,
        ...logFields(record, payload),
      });
      this.metrics.stored(payload);
      return RECORD_DONE;
    }
    if (result === 'already-stored') {
      this.logger.log({ msg: `Message already stored ${payload.messageId}`, ...logFields(record, payload) });
      return RECORD_DONE;
    }
    return recordFailed(result);
  }
}

// The value's messageId is the one stored, whatever the header says.
function logFields(record: InboundRecord, payload: ClientMessagePayload) {
  return { ...recordLogFields(record), messageId: payload.messageId };
}

function finishedMessage(record: InboundRecord, payload: ClientMessagePayload): FinishedMessage {
  return { messageId: payload.messageId, correlationId: recordLogFields(record).correlationId };
}

function toDocument(payload: ClientMessagePayload) {
  const { messageId, from, to, message, acceptedAt } = payload;
  return { messageId, from, to, message, timestamp: new Date(acceptedAt) };
}
