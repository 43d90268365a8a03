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
