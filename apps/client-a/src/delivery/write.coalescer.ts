/**
 * Most messages in one bulk write. Large enough that a burst is written in a
 * few rounds, small enough that one round stays a short transaction on the
 * database and far under MongoDB's 16 MB command limit (8 KiB messages).
 */
export const MAX_MESSAGES_PER_WRITE = 500;

interface Waiting<TItem, TResult> {
  item: TItem;
  resolve: (result: TResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while a write is in flight leave together in
 * the next one. The database then does one bulk write per round instead of
 * one write per request, and each caller still resolves only when its own
 * item is written. Under light load a round holds one item and costs nothing
 * extra; under heavy load rounds grow and the database keeps up.
 */
export class WriteCoalescer<TItem, TResult> {
  private queue: Waiting<TItem, TResult>[] = [];
  private writing = false;

  constructor(
    /** Writes a batch; returns one result per item, in order. */
    private readonly write: (items: TItem[]) => Promise<TResult[]>,
    private readonly maxBatchSize: number,
  ) {}

  submit(item: TItem): Promise<TResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length > 0) await this.writeRound(this.queue.splice(0, this.maxBatchSize));
    } finally {
      this.writing = false;
    }
  }

  private async writeRound(batch: Waiting<TItem, TResult>[]): Promise<void> {
    try {
      const results = await this.write(batch.map(({ item }) => item));
      batch.forEach((waiting, index) => waiting.resolve(results[index]));
    } catch (error) {
      batch.forEach((waiting) => waiting.reject(error));
    }
  }
}
