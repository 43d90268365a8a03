/** Seconds a refused SSE client or socket is told to wait before it tries again. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Connections of one kind this instance serves at once: each open one costs
 * memory (buffers, subscriptions), so past `max` a new one is refused rather
 * than let the heap grow with the number of clients.
 */
export class ConnectionLimit {
  private open = 0;

  constructor(readonly max: number) {}

  get count(): number {
    return this.open;
  }

  /** A place for one more connection and the function that gives it back (once), or undefined when none is left. */
  take(): (() => void) | undefined {
    if (this.open >= this.max) return undefined;
    this.open += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open -= 1;
    };
  }
}
