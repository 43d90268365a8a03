import { ReceiptWaiters } from './receipt.waiters';

describe(ReceiptWaiters.name, () => {
  it('should answer every waiter of a message with its receipt', async () => {
    const waiters = new ReceiptWaiters();
    const first = waiters.waitFor('m', Date.now() + 10_000);
    const second = waiters.waitFor('m', Date.now() + 10_000);

    waiters.settle('m', 'delivered');

    await expect(Promise.all([first.result, second.result])).resolves.toEqual(['delivered', 'delivered']);
  });

  it('should answer undefined at the deadline when no receipt came', async () => {
    const waiters = new ReceiptWaiters();

    const waiting = waiters.waitFor('m', Date.now() + 20);

    await expect(waiting.result).resolves.toBeUndefined();
    waiters.settle('m', 'ignored');
    expect(waiters.hasRoom).toBe(true);
  });

  it('should forget a cancelled waiter, so a later receipt finds nobody', async () => {
    const waiters = new ReceiptWaiters();
    const waiting = waiters.waitFor('m', Date.now() + 10_000);

    waiting.cancel();
    waiters.settle('m', 'dead-lettered');

    await expect(waiting.result).resolves.toBeUndefined();
  });
});
