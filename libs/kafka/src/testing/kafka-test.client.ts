import { Admin, IHeaders, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { InboundRecord } from '../consumer/inbound-record';
import { toInboundRecord } from '../consumer/to-inbound-record';
import { waitUntil } from './wait-until';

export interface RawRecord {
  key?: string | Buffer | null;
  /** Unset: the key's partition, as our producers choose it. */
  partition?: number;
  value: string | Buffer | null;
  headers?: Record<string, string>;
  /** Epoch ms as a string; unset: the send time. */
  timestamp?: string;
}

/** How a test reaches a SASL_SSL listener: the CA that signed the broker, and a PLAIN user. */
export interface KafkaTestSecurity {
  caCertificates: string[];
  username: string;
  password: string;
}

/** Talks to the real broker for tests: produce raw records, read topics back, measure a group's lag. */
export class KafkaTestClient {
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly producer: Producer;

  /** `security`: connect over SASL_SSL with PLAIN; without it, PLAINTEXT. */
  constructor(brokers: string[], security?: KafkaTestSecurity) {
    this.kafka = new Kafka({
      clientId: 'e2e-tests',
      brokers,
      logLevel: logLevel.NOTHING,
      ...(security && {
        ssl: { ca: security.caCertificates },
        sasl: { mechanism: 'plain', username: security.username, password: security.password },
        connectionTimeout: 10_000,
      }),
    });
    this.admin = this.kafka.admin();
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  }

  async connect(): Promise<void> {
    await Promise.all([this.admin.connect(), this.producer.connect()]);
  }

  async disconnect(): Promise<void> {
    await Promise.all([this.admin.disconnect(), this.producer.disconnect()]);
  }

  async createTopics(topics: string[], numPartitions = 1): Promise<void> {
    await this.admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions })), waitForLeaders: true });
  }

  /** Which of `topics` exist on the broker now. */
  async existingTopics(topics: string[]): Promise<string[]> {
    const existing = new Set(await this.admin.listTopics());
    return topics.filter((topic) => existing.has(topic));
  }

  /** How many partitions `topic` has now. */
  async partitionCount(topic: string): Promise<number> {
    const { topics } = await this.admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0].partitions.length;
  }

  async produce(topic: string, records: RawRecord[]): Promise<void> {
    await this.producer.send({ topic, acks: -1, messages: records });
  }

  /**
   * Reads a topic from the beginning until `count` records arrived. `wholeHeaders`: headers as
   * the broker holds them, not bounded as the services read them (to measure what was written).
   */
  async readRecords(
    topic: string,
    count: number,
    timeoutMs = 30_000,
    { wholeHeaders = false } = {},
  ): Promise<InboundRecord[]> {
    const consumer = this.kafka.consumer({ groupId: `e2e-reader-${Date.now()}-${Math.random()}` });
    const records: InboundRecord[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: ({ topic: from, partition, message }) => {
          const record = toInboundRecord(from, partition, message);
          records.push(wholeHeaders ? { ...record, headers: decodedWhole(message.headers) } : record);
          return Promise.resolve();
        },
      });
      await waitUntil(() => records.length >= count, { timeoutMs, description: `${count} records on ${topic}` });
      return records;
    } finally {
      await consumer.disconnect();
    }
  }

  /**
   * Every record of `topic` as a read_committed reader sees it (kafkajs' default and kcat's): read
   * until each partition's end offset, which transaction markers and aborted records count too.
   */
  async readAll(topic: string, timeoutMs = 30_000, { wholeHeaders = false } = {}): Promise<InboundRecord[]> {
    const watermarks = await this.admin.fetchTopicOffsets(topic);
    const positions = new Map(watermarks.map(({ partition, low }) => [partition, BigInt(low)]));
    const ends = new Map(watermarks.map(({ partition, high }) => [partition, BigInt(high)]));
    const reached = (partition: number, lastOffset: string) => {
      const next = BigInt(lastOffset) + 1n;
      if (next > (positions.get(partition) ?? 0n)) positions.set(partition, next);
    };
    const records: InboundRecord[] = [];
    const consumer = this.kafka.consumer({ groupId: `e2e-reader-${Date.now()}-${Math.random()}` });
    // Emitted after every fetch of a partition, also one of markers alone, which reaches no eachBatch.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => reached(payload.partition, payload.lastOffset));
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachBatch: ({ batch }) => {
          for (const message of batch.messages) {
            const record = toInboundRecord(topic, batch.partition, message);
            records.push(wholeHeaders ? { ...record, headers: decodedWhole(message.headers) } : record);
          }
          return Promise.resolve();
        },
      });
      const done = () => [...ends].every(([partition, end]) => (positions.get(partition) ?? 0n) >= end);
      await waitUntil(done, { timeoutMs, description: `every record of ${topic} up to its end offsets` });
      return records;
    } finally {
      await consumer.disconnect();
    }
  }

  /** How many records of `topic` a read_committed reader sees (its end offsets count transaction markers too). */
  async recordCount(topic: string, timeoutMs = 30_000): Promise<number> {
    return (await this.readAll(topic, timeoutMs)).length;
  }

  /** Records not yet committed by `groupId` on `topics` (end offsets minus committed offsets). */
  async groupLag(groupId: string, topics: string[]): Promise<number> {
    const committed = await this.admin.fetchOffsets({ groupId, topics });
    let lag = 0;
    for (const { topic, partitions } of committed) {
      const ends = await this.admin.fetchTopicOffsets(topic);
      for (const { partition, offset } of partitions) {
        const end = Number(ends.find((entry) => entry.partition === partition)?.high ?? 0);
        lag += end - Math.max(Number(offset), 0);
      }
    }
    return lag;
  }

  /** The sum of a topic's end offsets: its records, and on a topic written in transactions, their markers too. */
  async endOffsetTotal(topic: string): Promise<number> {
    const ends = await this.admin.fetchTopicOffsets(topic);
    return ends.reduce((sum, entry) => sum + Number(entry.high), 0);
  }
}

function decodedWhole(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).flatMap(([name, raw]) => {
      const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
      return value === undefined ? [] : [[name, value.toString()]];
    }),
  );
}
