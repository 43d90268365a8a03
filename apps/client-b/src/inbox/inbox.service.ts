import { ClientMessagePayload, parseClientMessage } from '@app/contracts';
import { InboundRecord, RECORD_DONE, recordFailed, RecordOutcome } from '@app/kafka';
import { Injectable, Logger } from '@nestjs/common';
import { ClientBEnvironment } from '../config/client-b.environment';
import { DeliveryReceiptPublisher } from '../receipts/delivery-receipt.publisher';
import { classifyInboxFailure } from './classify-inbox-failure';
import { FaultInjector } from './fault.injector';
import { ReceivedMessageRepository } from './received-message.repository';

interface Storable {
  readonly index: number;
  readonly payload: ClientMessagePayload;
}

/** What a batch came to, for its receipts. */
interface Finished {
  readonly stored: string[];
  readonly ignored: string[];
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
    env: ClientBEnvironment,
  ) {
    this.address = env.INBOX_ADDRESS;
  }

  async receive(records: InboundRecord[]): Promise<RecordOutcome[]> {
    const outcomes: RecordOutcome[] = records.map(() => RECORD_DONE);
    const storable: Storable[] = [];
    const finished: Finished = { stored: [], ignored: [] };
    records.forEach((record, index) => {
      const outcome = this.triage(record, index, storable, finished);
      if (outcome) outcomes[index] = outcome;
    });
    const results = await this.repository.saveMany(storable.map(({ payload }) => toDocument(payload)));
    results.forEach((error, position) => {
      const { index, payload } = storable[position];
      outcomes[index] = this.outcomeOfSave(payload, error);
      if (outcomes[index].status === 'done') finished.stored.push(payload.messageId);
    });
    // The batch is committed only once its receipts are acknowledged (a throw here processes it again).
    await Promise.all([
      this.receipts.finished(finished.stored, 'stored'),
      this.receipts.finished(finished.ignored, 'ignored'),
    ]);
    return outcomes;
  }

  /** Returns the outcome of a record that is not stored, or queues it for the bulk write. */
  private triage(
    record: InboundRecord,
    index: number,
    storable: Storable[],
    finished: Finished,
  ): RecordOutcome | undefined {
    let payload: ClientMessagePayload;
    try {
      payload = parseClientMessage(record.value);
    } catch (error) {
      this.logger.warn(`Invalid record ${record.topic}[${record.partition}]@${record.offset}: ${(error as Error).message}`);
      return recordFailed(error as Error, false);
    }
    if (payload.to !== this.address) {
      this.logger.log(`Message ignored ${payload.messageId} (to ${payload.to})`);
      finished.ignored.push(payload.messageId);
      return RECORD_DONE;
    }
    const fault = this.faults.faultFor(payload.message);
    if (fault) return recordFailed(fault, true);
    storable.push({ index, payload });
    return undefined;
  }

  private outcomeOfSave(payload: ClientMessagePayload, error: Error | undefined): RecordOutcome {
    if (error === undefined) {
      this.logger.log(`Message saved ${payload.messageId} (${payload.from} -> ${payload.to})`);
      return RECORD_DONE;
    }
    const failureClass = classifyInboxFailure(error);
    if (failureClass === 'already-stored') {
      this.logger.log(`Message already stored ${payload.messageId}`);
      return RECORD_DONE;
    }
    return recordFailed(error, failureClass === 'retriable');
  }
}

function toDocument(payload: ClientMessagePayload) {
  const { messageId, from, to, message, acceptedAt } = payload;
  return { messageId, from, to, message, timestamp: new Date(acceptedAt) };
}
