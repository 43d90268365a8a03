import { ByteBudget, ReleaseBytes } from './byte-budget';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Claims `bytes` and notes, by name, when the claim is granted. */
function claimNoting(budget: ByteBudget, bytes: number, name: string, granted: string[]): Promise<ReleaseBytes> {
  return budget.claim(bytes).then((release) => {
    granted.push(name);
    return release;
  });
}

describe(ByteBudget.name, () => {
  it('should grant claims at once while they fit', async () => {
    const budget = new ByteBudget(100);
    const granted: string[] = [];

    void claimNoting(budget, 60, 'a', granted);
    void claimNoting(budget, 40, 'b', granted);
    await tick();

    expect(granted).toEqual(['a', 'b']);
    expect(budget.usedBytes).toBe(100);
  });

  it('should make a claim wait until released bytes make room for it', async () => {
    const budget = new ByteBudget(100);
    const granted: string[] = [];
    const first = await claimNoting(budget, 70, 'a', granted);

    void claimNoting(budget, 50, 'b', granted);
    await tick();
    const beforeRelease = [...granted];
    first();
    await tick();

    expect(beforeRelease).toEqual(['a']);
    expect(granted).toEqual(['a', 'b']);
    expect(budget.usedBytes).toBe(50);
  });

  it('should grant claims in order, so a small claim does not overtake a waiting large one', async () => {
    const budget = new ByteBudget(100);
    const granted: string[] = [];
    const first = await claimNoting(budget, 60, 'a', granted);

    void claimNoting(budget, 80, 'large', granted);
    void claimNoting(budget, 10, 'small', granted);
    await tick();
    const whileWaiting = [...granted];
    first();
    await tick();

    expect(whileWaiting).toEqual(['a']);
    expect(granted).toEqual(['a', 'large', 'small']);
  });

  it('should grant a claim larger than the whole budget once it is alone', async () => {
    const budget = new ByteBudget(100);
    const granted: string[] = [];
    const first = await claimNoting(budget, 10, 'a', granted);

    const huge = claimNoting(budget, 1000, 'huge', granted);
    await tick();
    const whileOthersHold = [...granted];
    first();
    (await huge)();

    expect(whileOthersHold).toEqual(['a']);
    expect(granted).toEqual(['a', 'huge']);
    expect(budget.usedBytes).toBe(0);
  });

  it('should give bytes back only once when a release is called twice', async () => {
    const budget = new ByteBudget(100);
    const first = await budget.claim(40);
    await budget.claim(30);

    first();
    first();

    expect(budget.usedBytes).toBe(30);
  });

  it('should refuse a capacity that is not positive', () => {
    expect(() => new ByteBudget(0)).toThrow('positive capacity');
  });
});
