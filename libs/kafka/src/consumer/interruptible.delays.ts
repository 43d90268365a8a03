/**
 * Waits that can all be cut short at once: a batch backing off before its
 * next attempt must stop waiting as soon as it is no longer ours to finish
 * (a rebalance, a stop).
 */
export class InterruptibleDelays {
  private readonly wakers = new Set<() => void>();

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  /** Ends every wait in progress now. */
  interruptAll(): void {
    [...this.wakers].forEach((wake) => wake());
  }
}
