import { readWithinBudget } from './read-budget';

async function* numbers(count: number, read: number[]): AsyncGenerator<number> {
  try {
    for (let n = 0; n < count; n += 1) {
      read.push(n);
      yield n;
    }
  } finally {
    read.push(-1); // closed
  }
}

const weighAs = (bytes: number) => (item: number) => ({ item, bytes });

describe(readWithinBudget.name, () => {
  it.each([
    { case: 'the source ends first', count: 3, maxMessages: 5, maxBytes: 1000, bytes: 10, taken: 3, cut: false },
    { case: 'the count is reached', count: 10, maxMessages: 4, maxBytes: 1000, bytes: 10, taken: 4, cut: true },
    { case: 'the bytes are reached', count: 10, maxMessages: 10, maxBytes: 35, bytes: 10, taken: 3, cut: true },
    { case: 'the bytes are exactly spent', count: 10, maxMessages: 10, maxBytes: 30, bytes: 10, taken: 3, cut: true },
    {
      case: 'the first item alone is over the bytes',
      count: 10,
      maxMessages: 10,
      maxBytes: 5,
      bytes: 10,
      taken: 1,
      cut: true,
    },
    { case: 'the count is the source', count: 4, maxMessages: 4, maxBytes: 1000, bytes: 10, taken: 4, cut: false },
  ])('should take $taken (cut: $cut) when $case', async ({ count, maxMessages, maxBytes, bytes, taken, cut }) => {
    const read: number[] = [];

    const result = await readWithinBudget(numbers(count, read), { maxMessages, maxBytes }, weighAs(bytes));

    expect(result).toEqual({ items: Array.from({ length: taken }, (_, n) => n), cut });
    expect(read[read.length - 1]).toBe(-1);
    expect(read.length - 1).toBeLessThanOrEqual(taken + 1);
  });

  it('should stop reading, and close the source, once its reader has gone', async () => {
    const read: number[] = [];
    let gone = false;

    const result = await readWithinBudget(
      numbers(1000, read),
      { maxMessages: 1000, maxBytes: 1_000_000 },
      (item) => {
        if (item === 2) gone = true;
        return { item, bytes: 1 };
      },
      () => gone,
    );

    expect(result).toEqual({ items: [0, 1, 2], cut: false });
    expect(read).toEqual([0, 1, 2, 3, -1]);
  });
});
