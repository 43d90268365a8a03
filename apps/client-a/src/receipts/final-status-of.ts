import { ReceiptStatus } from '@app/contracts';
import { FinalStatus } from '../delivery/message-status.schema';

const FINAL_STATUS: Record<ReceiptStatus, FinalStatus> = {
  stored: 'delivered',
  ignored: 'ignored',
  'dead-lettered': 'dead-lettered',
};

/** What client-b's receipt means for the sender: its message's final status. */
export function finalStatusOf(receipt: ReceiptStatus): FinalStatus {
  return FINAL_STATUS[receipt];
}
