/** Gives the claimed bytes back; calling it again does nothing. */
export type ReleaseBytes = () => void;

interface Claim {
  readonly bytes: number;
  readonly grant: (release: ReleaseBytes) => void;
}

/**
 * The bytes a consumer may have in memory at once for what it is working on:
 * the records being processed, the dead letters and retries built from them,
 * and their forwards until acknowledged. A claim waits until it fits; claims
 * are granted in order, so a large one is not starved by small ones, and a
 * claim larger than the whole budget is granted once it is alone.
 */
export class ByteBudget {
  private used = 0;
  private readonly waiting: Claim[] = [];

  constructor(readonly capacity: number) {
    if (!(capacity > 0)) throw new Error(`a byte budget needs a positive capacity, got ${capacity}`);
  }

  get usedBytes(): number {
    return this.used;
  }

  /** Claims waiting for room. */
  get waitingClaims(): number {
    return this.waiting.length;
  }

  /** Resolves once `bytes` fit, with the function that gives them back. */
  claim(bytes: number): Promise<ReleaseBytes> {
    return new Promise((grant) => {
      this.waiting.push({ bytes: Math.max(0, bytes), grant });
      this.grantWhatFits();
    });
  }

  private grantWhatFits(): void {
    while (this.waiting.length > 0) {
      const next = this.waiting[0];
      if (this.used > 0 && this.used + next.bytes > this.capacity) return;
      this.waiting.shift();
      this.used += next.bytes;
      next.grant(this.releaseOf(next.bytes));
    }
  }

  private releaseOf(bytes: number): ReleaseBytes {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= bytes;
      this.grantWhatFits();
    };
  }
}
