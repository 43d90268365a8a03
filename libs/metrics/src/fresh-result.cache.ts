/**
 * One costly answer (a readiness check, a read of consumer lag) shared by
 * whoever asks for it: callers that come while it runs get the same promise,
 * and once it settles it is handed out for `ttlMs` before it is asked again.
 * However often and however many at once callers come, the answer is then
 * computed at most once per `ttlMs`. A failure is kept as long as a success,
 * so a dependency that is down is not asked harder.
 */
export class FreshResultCache<T> {
  private running?: Promise<T>;
  private settled?: { readonly result: Promise<T>; readonly until: number };

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(compute: () => Promise<T>): Promise<T> {
    if (this.running) return this.running;
    if (this.settled && this.now() < this.settled.until) return this.settled.result;
    const result = compute();
    this.running = result;
    const settle = () => {
      this.running = undefined;
      this.settled = { result, until: this.now() + this.ttlMs };
    };
    result.then(settle, settle);
    return result;
  }
}
