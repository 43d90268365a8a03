/** The JSON value of a record on the client-messages topics; its schema is CLIENT_MESSAGE_SCHEMA. */
export interface ClientMessagePayload {
  /** Assigned by client-a; the deduplication key downstream. */
  readonly messageId: string;
  readonly from: string;
  readonly to: string;
  readonly message: string;
  /** When client-a accepted the message, as `Date.prototype.toISOString()` writes it. */
  readonly acceptedAt: string;
}
