import { DeliveryReceipt, parseDeliveryReceipt } from '@app/contracts';
import { InboundRecord } from '@app/kafka';
import { Injectable, Logger } from '@nestjs/common';
import { MessageStatusRepository, StatusChange } from '../delivery/message-status.repository';
import { finalStatusOf } from './final-status-of';

/**
 * Turns a batch of delivery receipts into status steps, recorded with one
 * insert. Rejects (so the batch comes again) only when the database fails.
 */
@Injectable()
export class ReceiptRecorder {
  private readonly logger = new Logger(ReceiptRecorder.name);

  constructor(private readonly statuses: MessageStatusRepository) {}

  async record(records: InboundRecord[]): Promise<void> {
    const receipts = records.flatMap((record) => this.parse(record));
    await this.statuses.record(receipts.map(toStatusChange));
    for (const { messageId, status } of receipts) this.logger.log(`Receipt recorded ${messageId}: ${finalStatusOf(status)}`);
  }

  private parse(record: InboundRecord): DeliveryReceipt[] {
    const receipt = parseDeliveryReceipt(record.value);
    if (receipt) return [receipt];
    // Retrying cannot make an unreadable receipt readable.
    this.logger.warn(`Skipped an unreadable receipt at ${record.topic}[${record.partition}]@${record.offset}`);
    return [];
  }
}

function toStatusChange({ messageId, status, at, reason }: DeliveryReceipt): StatusChange {
  const change = { messageId, status: finalStatusOf(status), at: new Date(at) };
  return reason === undefined ? change : { ...change, reason };
}
