import { RecordTooLargeError } from '../errors/record-too-large.error';
import { OutgoingRecord } from './outgoing-record';
import { recordSizeInBytes } from './record-size';

export interface TopicRecords {
  topic: string;
  records: OutgoingRecord[];
}

interface Waiting extends TopicRecords {
  bytes: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces concurrent sends into produce requests of at most `maxRequestBytes`.
 * kafkajs has no linger: every send() is a request, and an idempotent producer
 * allows one in flight, so 50 concurrent callers would wait in line for 50
 * round trips. Here the records that arrive while a request is in flight leave
 * together in the next one, and a large send is cut into several requests, so
 * none exceeds the broker's limit. Each caller resolves when all its own
 * records are acknowledged.
 */
export class ProduceBatcher {
  private queue: Waiting[] = [];
  private flushing = false;

  constructor(
    private readonly flush: (batch: TopicRecords[]) => Promise<void>,
    /** Records' bytes one request may carry: the broker's limit less the batches' framing. */
    private readonly maxRequestBytes: number,
  ) {}

  /** Rejects with {@link RecordTooLargeError}, sending nothing, when one record alone exceeds the limit. */
  enqueue(topic: string, records: OutgoingRecord[]): Promise<void> {
    let chunks: Omit<Waiting, 'resolve' | 'reject'>[];
    try {
      chunks = this.cut(topic, records);
    } catch (error) {
      return Promise.reject(error);
    }
    const sent = chunks.map(
      (chunk) =>
        new Promise<void>((resolve, reject) => {
          this.queue.push({ ...chunk, resolve, reject });
        }),
    );
    void this.drain();
    return Promise.all(sent).then(() => undefined);
  }

  private cut(topic: string, records: OutgoingRecord[]): Omit<Waiting, 'resolve' | 'reject'>[] {
    const chunks: Omit<Waiting, 'resolve' | 'reject'>[] = [];
    let current: OutgoingRecord[] = [];
    let bytes = 0;
    for (const record of records) {
      const size = recordSizeInBytes(record);
      if (size > this.maxRequestBytes) throw new RecordTooLargeError(size, this.maxRequestBytes, topic);
      if (bytes + size > this.maxRequestBytes) {
        chunks.push({ topic, records: current, bytes });
        current = [];
        bytes = 0;
      }
      current.push(record);
      bytes += size;
    }
    if (current.length > 0) chunks.push({ topic, records: current, bytes });
    return chunks;
  }

  private async drain(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const taken = this.takeRequest();
        try {
          await this.flush(groupByTopic(taken));
          taken.forEach((waiting) => waiting.resolve());
        } catch (error) {
          taken.forEach((waiting) => waiting.reject(error));
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  // Every chunk fits alone, so the first one is always taken.
  private takeRequest(): Waiting[] {
    let bytes = 0;
    let count = 0;
    while (count < this.queue.length && (count === 0 || bytes + this.queue[count].bytes <= this.maxRequestBytes)) {
      bytes += this.queue[count].bytes;
      count += 1;
    }
    return this.queue.splice(0, count);
  }
}

function groupByTopic(waiting: Waiting[]): TopicRecords[] {
  const byTopic = new Map<string, OutgoingRecord[]>();
  for (const { topic, records } of waiting) {
    const grouped = byTopic.get(topic);
    if (grouped) grouped.push(...records);
    else byTopic.set(topic, [...records]);
  }
  return [...byTopic].map(([topic, records]) => ({ topic, records }));
}
