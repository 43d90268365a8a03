import { RecordTooLargeError } from '../errors/kafka.errors';
import { OutgoingRecord } from './outgoing-record';
import { recordSizeInBytes } from './record-size';

export interface TopicRecords {
  topic: string;
  records: OutgoingRecord[];
}

interface Waiting extends TopicRecords {
  bytes: number;
  /** Which enqueue the chunk came from: with atomic sends, its chunks leave together. */
  send: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface ProduceBatcherOptions {
  /**
   * Every enqueued send leaves whole in one flush, cut into as many requests as it needs
   * (a transactional producer writes a flush in one transaction), so a send never half succeeds.
   */
  readonly atomicSends?: boolean;
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
  private sends = 0;

  constructor(
    /** Sends the requests (one, unless sends are atomic), each of at most `maxRequestBytes`. */
    private readonly flush: (requests: TopicRecords[][]) => Promise<void>,
    /** Records' bytes one request may carry: the broker's limit less the batches' framing. */
    private readonly maxRequestBytes: number,
    private readonly options: ProduceBatcherOptions = {},
  ) {}

  /** Rejects with {@link RecordTooLargeError}, sending nothing, when one record alone exceeds the limit. */
  enqueue(topic: string, records: OutgoingRecord[]): Promise<void> {
    return this.enqueueAll([{ topic, records }]);
  }

  /** Records of several topics as one send (atomic with {@link ProduceBatcherOptions.atomicSends}). */
  async enqueueAll(batch: readonly TopicRecords[]): Promise<void> {
    const send = this.sends++;
    const chunks = batch.flatMap(({ topic, records }) => this.cut(topic, records).map((chunk) => ({ ...chunk, send })));
    if (chunks.length === 0) return;
    const sent = chunks.map(
      (chunk) =>
        new Promise<void>((resolve, reject) => {
          this.queue.push({ ...chunk, resolve, reject });
        }),
    );
    void this.drain();
    await Promise.all(sent);
  }

  private cut(topic: string, records: OutgoingRecord[]): Omit<Waiting, 'resolve' | 'reject' | 'send'>[] {
    const chunks: Omit<Waiting, 'resolve' | 'reject' | 'send'>[] = [];
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
        const taken = this.options.atomicSends ? this.takeWholeSends() : this.takeRequest();
        try {
          await this.flush(requestsOf(taken, this.maxRequestBytes));
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

  // The first send whole, however large; more whole sends while they fit in one request's bytes.
  private takeWholeSends(): Waiting[] {
    const first = this.queue[0].send;
    let count = 0;
    let bytes = 0;
    while (count < this.queue.length && this.queue[count].send === first) bytes += this.queue[count++].bytes;
    while (count < this.queue.length) {
      const send = this.queue[count].send;
      let end = count;
      let sendBytes = 0;
      while (end < this.queue.length && this.queue[end].send === send) sendBytes += this.queue[end++].bytes;
      if (bytes + sendBytes > this.maxRequestBytes) break;
      bytes += sendBytes;
      count = end;
    }
    return this.queue.splice(0, count);
  }
}

/** Consecutive runs of chunks of at most `maxBytes` each, records grouped by topic within a request. */
function requestsOf(chunks: Waiting[], maxBytes: number): TopicRecords[][] {
  const requests: Waiting[][] = [];
  let current: Waiting[] = [];
  let bytes = 0;
  for (const chunk of chunks) {
    if (current.length > 0 && bytes + chunk.bytes > maxBytes) {
      requests.push(current);
      current = [];
      bytes = 0;
    }
    current.push(chunk);
    bytes += chunk.bytes;
  }
  if (current.length > 0) requests.push(current);
  return requests.map(groupByTopic);
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
