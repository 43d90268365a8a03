import { FreshResultCache } from './fresh-result.cache';

/** A computation whose answers the test releases by hand. */
class ManualComputation {
  calls = 0;
  private release: Array<(value: number) => void> = [];
  private fail: Array<(error: Error) => void> = [];
  readonly compute = () => {
    this.calls += 1;
    return new Promise<number>((resolve, reject) => {
      this.release.push(resolve);
      this.fail.push(reject);
    });
  };
  answer(value: number): void {
    this.release.shift()?.(value);
    this.fail.shift();
  }
  reject(error: Error): void {
    this.fail.shift()?.(error);
    this.release.shift();
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe(FreshResultCache.name, () => {
  it('should compute once for every caller that comes while it runs', async () => {
    // Arrange
    const computation = new ManualComputation();
    const cache = new FreshResultCache<number>(1000, () => 0);

    // Act
    const answers = Array.from({ length: 200 }, () => cache.get(computation.compute));
    computation.answer(7);

    // Assert
    expect(await Promise.all(answers)).toEqual(Array(200).fill(7));
    expect(computation.calls).toBe(1);
  });

  it.each([
    { askedAfterMs: 0, calls: 1 },
    { askedAfterMs: 999, calls: 1 },
    { askedAfterMs: 1000, calls: 2 },
  ])(
    'should compute $calls time(s) when asked again $askedAfterMs ms after the answer',
    async ({ askedAfterMs, calls }) => {
      // Arrange
      let now = 5000;
      const computation = new ManualComputation();
      const cache = new FreshResultCache<number>(1000, () => now);
      const first = cache.get(computation.compute);
      computation.answer(1);
      await first;
      await flush();

      // Act
      now += askedAfterMs;
      void cache.get(computation.compute);

      // Assert
      expect(computation.calls).toBe(calls);
    },
  );

  it('should keep a failure as long as an answer, then compute again', async () => {
    // Arrange
    let now = 0;
    const computation = new ManualComputation();
    const cache = new FreshResultCache<number>(1000, () => now);
    const first = cache.get(computation.compute);
    computation.reject(new Error('broker away'));
    await expect(first).rejects.toThrow('broker away');
    await flush();

    // Act
    const again = cache.get(computation.compute);
    now = 1000;
    const later = cache.get(computation.compute);
    computation.answer(3);

    // Assert
    await expect(again).rejects.toThrow('broker away');
    expect(await later).toBe(3);
    expect(computation.calls).toBe(2);
  });
});
