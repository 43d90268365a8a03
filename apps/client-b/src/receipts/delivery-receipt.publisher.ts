import { MESSAGING_TOPICS } from '@app/config';
import {
  CORRELATION_ID_HEADER,
  DeliveryReceipt,
  MESSAGE_ID_HEADER,
  MessagingTopics,
  RECEIPT_REASON_MAX_LENGTH,
  ReceiptStatus,
} from '@app/contracts';
import { FailedRecord, RecordProducer, UnacknowledgedWriteError, withTimeout } from '@app/kafka';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClientBEnvironment } from '../config/client-b.environment';

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
 */
@Injectable()
export class DeliveryReceiptPublisher {
  private readonly logger = new Logger(DeliveryReceiptPublisher.name);
  private readonly timeoutMs: number;

  constructor(
    private readonly producer: RecordProducer,
    @Inject(MESSAGING_TOPICS) private readonly topics: MessagingTopics,
    env: ClientBEnvironment,
  ) {
    this.timeoutMs = env.KAFKA_REQUEST_TIMEOUT_MS;
  }

  /** Rejects with UnacknowledgedWriteError when the receipts were not acknowledged in time. */
  async finished(messages: readonly FinishedMessage[], status: Exclude<ReceiptStatus, 'dead-lettered'>): Promise<void> {
    const at = new Date().toISOString();
    await this.publish(messages.map(({ messageId, correlationId }) => ({ receipt: { messageId, status, at }, correlationId })));
  }

  /** For RetryTopicServerOptions.onDeadLettered: called once the dead letters are acknowledged. */
  async deadLettered(failures: readonly FailedRecord[]): Promise<void> {
    const at = new Date().toISOString();
    const receipts = failures.flatMap(({ record, error }): Receipt[] => {
      // A record without our header was not produced by client-a: nobody is waiting for its receipt.
      const messageId = record.headers[MESSAGE_ID_HEADER];
      if (!messageId) return [];
      const reason = `${error.name}: ${error.message}`.slice(0, RECEIPT_REASON_MAX_LENGTH);
      return [{ receipt: { messageId, status: 'dead-lettered', at, reason }, correlationId: record.headers[CORRELATION_ID_HEADER] }];
    });
    await this.publish(receipts);
  }

  private async publish(receipts: Receipt[]): Promise<void> {
    if (receipts.length === 0) return;
    const records = receipts.map(({ receipt, correlationId }) => ({
      key: receipt.messageId,
      value: JSON.stringify(receipt),
      headers: {
        [MESSAGE_ID_HEADER]: receipt.messageId,
        ...(correlationId === undefined ? {} : { [CORRELATION_ID_HEADER]: correlationId }),
      },
    }));
    const send = this.producer.send(this.topics.status, records);
    send.catch(() => undefined); // settled below; a late rejection must not go unhandled
    try {
      await withTimeout(send, this.timeoutMs * 2, `publishing ${receipts.length} receipt(s)`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Could not publish ${receipts.length} delivery receipt(s): ${reason}`);
      throw new UnacknowledgedWriteError(`${receipts.length} delivery receipt(s) not acknowledged: ${reason}`, { cause: error });
    }
  }
}
