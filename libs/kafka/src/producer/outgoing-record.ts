/** A record to produce; header values are UTF-8 strings so that kcat prints them. */
export interface OutgoingRecord {
  readonly key: string | Buffer | null;
  readonly value: string | Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
  /** Epoch ms; defaults to the send time. */
  readonly timestamp?: string;
}
