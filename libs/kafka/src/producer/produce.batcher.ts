import { OutgoingRecord } from './outgoing-record';

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
 * Coalesces concurrent sends into one produce request. kafkajs has no linger:
 * every send() is a request, and an idempotent producer allows one in flight,
 * so 50 concurrent callers would wait in line for 50 round trips. Here the
 * records that arrive while a request is in flight leave together in the next
 * one; each caller resolves when its own records are acknowledged.
 */
export class ProduceBatcher {
  private queue: Waiting[] = [];
  private flushing = false;

  constructor(
    private readonly flush: (batch: TopicRecords[]) => Promise<void>,
    /** Kept well under the broker's default 1 MB request limit; a larger single send goes alone. */
    private readonly maxBatchBytes = 512 * 1024,
  ) {}

  enqueue(topic: string, records: OutgoingRecord[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ topic, records, bytes: sizeOf(records), resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const taken = this.takeBatch();
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

  private takeBatch(): Waiting[] {
    let bytes = 0;
    let count = 0;
    while (count < this.queue.length && (count === 0 || bytes + this.queue[count].bytes <= this.maxBatchBytes)) {
      bytes += this.queue[count].bytes;
      count += 1;
    }
    return this.queue.splice(0, count);
  }
}

function groupByTopic(waiting: Waiting[]): TopicRecords[] {
  const byTopic = new Map<string, OutgoingRecord[]>();
  for (const { topic, records } of waiting) byTopic.set(topic, [...(byTopic.get(topic) ?? []), ...records]);
  return [...byTopic].map(([topic, records]) => ({ topic, records }));
}

function sizeOf(records: OutgoingRecord[]): number {
  let bytes = 0;
  for (const record of records) {
    bytes += (record.value?.length ?? 0) + (record.key?.length ?? 0) + 64;
    for (const [name, value] of Object.entries(record.headers)) bytes += name.length + value.length;
  }
  return bytes;
}
