import { DeliveryReceipt, RECEIPT_REASON_MAX_LENGTH, RECEIPT_STATUSES, ReceiptStatus } from './delivery-receipt';
import { isCanonicalUuid, isRealInstant } from './strict-values';

/** A receipt is a few hundred bytes; anything much larger is not one and is not parsed. */
const RECEIPT_MAX_BYTES = 4096;

/**
 * Turns a record value into a receipt, or undefined when it is not one (a
 * receipt that can never be read is skipped, not retried). Only a canonical
 * lower-case messageId and a real instant are taken: they become a database key and a Date.
 */
export function parseDeliveryReceipt(value: Buffer | string | null): DeliveryReceipt | undefined {
  if (value === null || value.length === 0 || value.length > RECEIPT_MAX_BYTES) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value.toString());
  } catch {
    return undefined;
  }
  const { messageId, status, at, reason } = (json ?? {}) as Record<string, unknown>;
  if (!isCanonicalUuid(messageId)) return undefined;
  if (typeof status !== 'string' || !RECEIPT_STATUSES.includes(status as ReceiptStatus)) return undefined;
  if (!isRealInstant(at)) return undefined;
  if (reason !== undefined && (typeof reason !== 'string' || reason.length > RECEIPT_REASON_MAX_LENGTH))
    return undefined;
  const receipt = { messageId, status: status as ReceiptStatus, at };
  return reason === undefined ? receipt : { ...receipt, reason };
}
