import { isCanonicalUuid, isRealInstant } from './strict-values';

/** What client-b did with a message it finished. */
export const RECEIPT_STATUSES = ['stored', 'ignored', 'dead-lettered'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

/**
 * The JSON value of a record on the client-messages-status topic, keyed by
 * messageId. A receipt may arrive more than once; its effect must not change.
 */
export interface DeliveryReceipt {
  readonly messageId: string;
  readonly status: ReceiptStatus;
  /** When client-b finished the message, as `Date.prototype.toISOString()` writes it. */
  readonly at: string;
  /** For a dead letter: the error it failed with last. */
  readonly reason?: string;
}

/** Longest `reason` a receipt carries. */
export const RECEIPT_REASON_MAX_LENGTH = 512;

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
