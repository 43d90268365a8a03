import { DeliveryReceipt, RECEIPT_REASON_MAX_LENGTH, RECEIPT_STATUSES, ReceiptStatus } from './delivery-receipt';

/**
 * Turns a record value into a receipt, or undefined when it is not one (a
 * receipt that can never be read is skipped, not retried).
 */
export function parseDeliveryReceipt(value: Buffer | string | null): DeliveryReceipt | undefined {
  if (value === null || value.length === 0) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value.toString());
  } catch {
    return undefined;
  }
  const { messageId, status, at, reason } = (json ?? {}) as Record<string, unknown>;
  if (typeof messageId !== 'string' || messageId.length === 0 || messageId.length > 64) return undefined;
  if (typeof status !== 'string' || !RECEIPT_STATUSES.includes(status as ReceiptStatus)) return undefined;
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return undefined;
  if (reason !== undefined && (typeof reason !== 'string' || reason.length > RECEIPT_REASON_MAX_LENGTH)) return undefined;
  const receipt = { messageId, status: status as ReceiptStatus, at };
  return reason === undefined ? receipt : { ...receipt, reason };
}
