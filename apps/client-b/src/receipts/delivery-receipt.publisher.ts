import { MESSAGING_TOPICS } from '@app/config';
import {
  DeliveryReceipt,
  MESSAGE_ID_HEADER,
  MessagingTopics,
  RECEIPT_REASON_MAX_LENGTH,
  ReceiptStatus,
} from '@app/contracts';
import { FailedRecord, RecordProducer, withTimeout } from '@app/kafka';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClientBEnvironment } from '../config/client-b.environment';

/**
 * Tells client-a what became of each message, on the status topic, keyed by
 * messageId. Never makes the caller wait or fail: a lost receipt leaves a
 * status behind at client-a, while a blocked inbox would stop delivery itself.
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

  finished(messageIds: string[], status: Exclude<ReceiptStatus, 'dead-lettered'>): void {
    const at = new Date().toISOString();
    this.publish(messageIds.map((messageId) => ({ messageId, status, at })));
  }

  /** For RetryTopicServerOptions.onDeadLettered: called once the dead letters are acknowledged. */
  deadLettered(failures: readonly FailedRecord[]): void {
    const at = new Date().toISOString();
    const receipts = failures.flatMap(({ record, error }): DeliveryReceipt[] => {
      // A record without our header was not produced by client-a: nobody is waiting for its receipt.
      const messageId = record.headers[MESSAGE_ID_HEADER];
      if (!messageId) return [];
      const reason = `${error.name}: ${error.message}`.slice(0, RECEIPT_REASON_MAX_LENGTH);
      return [{ messageId, status: 'dead-lettered', at, reason }];
    });
    this.publish(receipts);
  }

  private publish(receipts: DeliveryReceipt[]): void {
    if (receipts.length === 0) return;
    const records = receipts.map((receipt) => ({
      key: receipt.messageId,
      value: JSON.stringify(receipt),
      headers: { [MESSAGE_ID_HEADER]: receipt.messageId },
    }));
    const send = this.producer.send(this.topics.status, records);
    send.catch(() => undefined); // settled below; a late rejection must not go unhandled
    withTimeout(send, this.timeoutMs, `publishing ${receipts.length} receipt(s)`).catch((error: Error) =>
      this.logger.warn(`Could not publish ${receipts.length} delivery receipt(s): ${error.message}`),
    );
  }
}
