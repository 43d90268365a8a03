import { MESSAGING_TOPICS } from '@app/config';
import {
  CORRELATION_ID_HEADER,
  DeliveryReceipt,
  isCanonicalUuid,
  MESSAGE_ID_HEADER,
  MessagingTopics,
  RECEIPT_REASON_MAX_LENGTH,
  ReceiptStatus,
} from '@app/contracts';
import { CORRELATION_ID_PATTERN } from '@app/http';
import {
  FailedRecord,
  OutgoingRecord,
  RecordProducer,
  recordSizeInBytes,
  UnacknowledgedWriteError,
  withTimeout,
} from '@app/kafka';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClientBEnvironment } from '../config/client-b.environment';
import { METRICS_PREFIX, METRICS_REGISTRY } from '@app/metrics';
import { Counter, Registry } from 'prom-client';

/** Why a receipt was not sent: its record named no message of ours, or it could not fit in a produce request. */
export type ReceiptDropReason = 'invalid-message-id' | 'too-large';

/** client-b's receipts on `/metrics`: those it did not send, and why. */
@Injectable()
export class ReceiptMetrics {
  private readonly droppedTotal: Counter<'reason'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.droppedTotal = new Counter({
      name: `${METRICS_PREFIX}receipts_dropped_total`,
      help: 'Delivery receipts not sent, by reason: a message-id that is no canonical UUID, or a receipt too large to produce',
      labelNames: ['reason'],
      registers: [registry],
    });
  }

  dropped(reason: ReceiptDropReason, count = 1): void {
    this.droppedTotal.inc({ reason }, count);
  }
}

/** A message client-b finished, and the correlation id its record carried (kept on its receipt). */
export interface FinishedMessage {
  readonly messageId: string;
  readonly correlationId?: string;
}

interface Receipt {
  readonly receipt: DeliveryReceipt;
  readonly correlationId?: string;
}

/**
 * Tells client-a what became of each message, on the status topic, keyed by
 * messageId. Part of forward-then-commit: the caller awaits the receipts, and
 * a batch's offsets are committed only once they are acknowledged, so no
 * receipt is lost; one may be sent twice (client-a's status is idempotent).
 * A receipt that could never be produced is dropped (counted and logged), so
 * it can never hold its partition back.
 */
@Injectable()
export class DeliveryReceiptPublisher {
  private readonly logger = new Logger(DeliveryReceiptPublisher.name);
  private readonly timeoutMs: number;

  constructor(
    private readonly producer: RecordProducer,
    @Inject(MESSAGING_TOPICS) private readonly topics: MessagingTopics,
    env: ClientBEnvironment,
    private readonly metrics: ReceiptMetrics,
  ) {
    this.timeoutMs = env.KAFKA_REQUEST_TIMEOUT_MS;
  }

  /** Rejects with UnacknowledgedWriteError when the receipts were not acknowledged in time. */
  async finished(messages: readonly FinishedMessage[], status: Exclude<ReceiptStatus, 'dead-lettered'>): Promise<void> {
    const at = new Date().toISOString();
    await this.publish(
      messages.map(({ messageId, correlationId }) => ({ receipt: { messageId, status, at }, correlationId })),
    );
  }

  /** For RetryTopicServerOptions.onDeadLettered: called once the dead letters are acknowledged. */
  async deadLettered(failures: readonly FailedRecord[]): Promise<void> {
    const at = new Date().toISOString();
    const receipts = failures.flatMap(({ record, error }): Receipt[] => {
      // A record without our header was not produced by client-a: nobody is waiting for its receipt.
      const messageId = record.headers[MESSAGE_ID_HEADER];
      if (!messageId) return [];
      const reason = `${error.name}: ${error.message}`.slice(0, RECEIPT_REASON_MAX_LENGTH);
      return [
        {
          receipt: { messageId, status: 'dead-lettered', at, reason },
          correlationId: record.headers[CORRELATION_ID_HEADER],
        },
      ];
    });
    await this.publish(receipts);
  }

  private async publish(receipts: Receipt[]): Promise<void> {
    const records = this.producible(receipts);
    if (records.length === 0) return;
    const send = this.producer.send(this.topics.status, records);
    send.catch(() => undefined); // settled below; a late rejection must not go unhandled
    try {
      await withTimeout(send, this.timeoutMs * 2, `publishing ${records.length} receipt(s)`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Could not publish ${records.length} delivery receipt(s): ${reason}`);
      throw new UnacknowledgedWriteError(`${records.length} delivery receipt(s) not acknowledged: ${reason}`, {
        cause: error,
      });
    }
  }

  // A messageId that is no canonical UUID names no message client-a sent (its id is a key there);
  // the check also keeps whatever a hostile header holds out of the receipt's key, value and headers.
  private producible(receipts: readonly Receipt[]): OutgoingRecord[] {
    const records: OutgoingRecord[] = [];
    let invalid = 0;
    for (const receipt of receipts) {
      if (!isCanonicalUuid(receipt.receipt.messageId)) {
        invalid += 1;
        continue;
      }
      const record = this.fitting(receipt);
      if (record !== undefined) records.push(record);
    }
    if (invalid > 0) {
      this.metrics.dropped('invalid-message-id', invalid);
      this.logger.warn(`No delivery receipt for ${invalid} record(s) whose message-id is no canonical UUID`);
    }
    return records;
  }

  // Cannot happen with the bounds above, but a receipt over the request limit would otherwise be retried forever.
  private fitting({ receipt, correlationId }: Receipt): OutgoingRecord | undefined {
    const record = receiptRecord(receipt, correlationId);
    if (recordSizeInBytes(record) <= this.producer.maxRecordsBytes) return record;
    const { reason: _reason, ...bare } = receipt;
    const smaller = receiptRecord(bare, undefined);
    if (recordSizeInBytes(smaller) <= this.producer.maxRecordsBytes) return smaller;
    this.metrics.dropped('too-large');
    this.logger.error({
      msg: `Delivery receipt of message ${receipt.messageId} dropped: too large to produce`,
      messageId: receipt.messageId,
    });
    return undefined;
  }
}

function receiptRecord(receipt: DeliveryReceipt, correlationId: string | undefined): OutgoingRecord {
  // Only a correlation id client-a could have written travels on (1 to 128 visible ASCII characters).
  const plausible = correlationId !== undefined && CORRELATION_ID_PATTERN.test(correlationId);
  return {
    key: receipt.messageId,
    value: JSON.stringify(receipt),
    headers: {
      [MESSAGE_ID_HEADER]: receipt.messageId,
      ...(plausible ? { [CORRELATION_ID_HEADER]: correlationId } : {}),
    },
  };
}
