import { DeliveryReceipt, parseDeliveryReceipt, ReceiptStatus } from '@app/contracts';
import { InboundRecord, recordLogFields } from '@app/kafka';
import { Injectable, Logger } from '@nestjs/common';
import { MessageStatusRepository, StatusChange, FinalStatus } from '../delivery/message-status.repository';

const FINAL_STATUS: Record<ReceiptStatus, FinalStatus> = {
  stored: 'delivered',
  ignored: 'ignored',
  'dead-lettered': 'dead-lettered',
};

/** What client-b's receipt means for the sender: its message's final status. */
export function finalStatusOf(receipt: ReceiptStatus): FinalStatus {
  return FINAL_STATUS[receipt];
}

/**
 * Turns a batch of delivery receipts into status steps, recorded with one
 * insert. Rejects (so the batch comes again) only when the database fails.
 */
@Injectable()
export class ReceiptRecorder {
  private readonly logger = new Logger(ReceiptRecorder.name);

  constructor(private readonly statuses: MessageStatusRepository) {}

  async record(records: InboundRecord[]): Promise<void> {
    const parsed = records.flatMap((record) => this.parse(record));
    await this.statuses.record(parsed.map(({ receipt }) => toStatusChange(receipt)));
    for (const { record, receipt } of parsed) {
      const { messageId, status } = receipt;
      this.logger.log({
        msg: `Receipt recorded ${messageId}: ${finalStatusOf(status)}`,
        ...recordLogFields(record),
        messageId,
      });
    }
  }

  private parse(record: InboundRecord): { record: InboundRecord; receipt: DeliveryReceipt }[] {
    const receipt = parseDeliveryReceipt(record.value);
    if (receipt) return [{ record, receipt }];
    // Retrying cannot make an unreadable receipt readable.
    const msg = `Skipped an unreadable receipt at ${record.topic}[${record.partition}]@${record.offset}`;
    this.logger.warn({ msg, ...recordLogFields(record) });
    return [];
  }
}

function toStatusChange({ messageId, status, at, reason }: DeliveryReceipt): StatusChange {
  const change = { messageId, status: finalStatusOf(status), at: new Date(at) };
  return reason === undefined ? change : { ...change, reason };
}
