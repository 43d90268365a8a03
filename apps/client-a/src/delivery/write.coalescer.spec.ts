import { WriteCoalescer } from './write.coalescer';

/** A write the test finishes by hand, to see which items went together. */
class ManualWrite {
  readonly rounds: { items: number[]; finish: (error?: Error) => void }[] = [];
  readonly write = (items: number[]) =>
    new Promise<string[]>((resolve, reject) =>
      this.rounds.push({
        items,
        finish: (error) => (error ? reject(error) : resolve(items.map((item) => `wrote ${item}`))),
      }),
    );
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(WriteCoalescer.name, () => {
  it('should write items submitted during a round together in the next round', async () => {
    const manual = new ManualWrite();
    const coalescer = new WriteCoalescer(manual.write, 100);

    const first = coalescer.submit(1);
    const later = [coalescer.submit(2), coalescer.submit(3)];
    await tick();
    manual.rounds[0].finish();
    await expect(first).resolves.toBe('wrote 1');
    await tick();
    manual.rounds[1].finish();

    await expect(Promise.all(later)).resolves.toEqual(['wrote 2', 'wrote 3']);
    expect(manual.rounds.map((round) => round.items)).toEqual([[1], [2, 3]]);
  });

  it('should reject only the callers of the round that failed', async () => {
    const manual = new ManualWrite();
    const coalescer = new WriteCoalescer(manual.write, 100);

    const first = coalescer.submit(1);
    const second = coalescer.submit(2);
    await tick();
    manual.rounds[0].finish(new Error('database down'));
    await expect(first).rejects.toThrow('database down');
    await tick();
    manual.rounds[1].finish();

    await expect(second).resolves.toBe('wrote 2');
  });

  it('should cap a round at the maximum batch size when more items wait', async () => {
    const manual = new ManualWrite();
    const coalescer = new WriteCoalescer(manual.write, 2);

    const all = [1, 2, 3, 4, 5].map((item) => coalescer.submit(item));
    for (let round = 0; round < 4; round += 1) {
      await tick();
      manual.rounds[round]?.finish();
    }
    await Promise.all(all);

    expect(manual.rounds.map((round) => round.items)).toEqual([[1], [2, 3], [4, 5]]);
  });
});
