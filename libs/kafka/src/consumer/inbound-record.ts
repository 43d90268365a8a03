/** A consumed record, free of kafkajs types; header values decoded as UTF-8 and bounded (see decodeHeaders). */
export interface InboundRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
  /** Broker timestamp, epoch milliseconds as a string. */
  readonly timestamp: string;
}
