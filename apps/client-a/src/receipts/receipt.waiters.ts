import { Injectable } from '@nestjs/common';
import { FinalStatus } from '../delivery/message-status.repository';

/** Requests that may wait for a receipt at once; past it, a request answers without waiting. */
const MAX_WAITERS = 10_000;

interface Waiter {
  readonly settle: (status: FinalStatus | undefined) => void;
}

/**
 * Requests waiting for their message's delivery receipt (`Prefer: wait`). No
 * polling: each waiter is settled by the receipt as it arrives, or by its own
 * timer at its deadline, whichever comes first. Memory is bounded by MAX_WAITERS.
 */
@Injectable()
export class ReceiptWaiters {
  private readonly waiting = new Map<string, Set<Waiter>>();
  private count = 0;

  /** Whether another request may wait now. */
  get hasRoom(): boolean {
    return this.count < MAX_WAITERS;
  }

  /**
   * Starts waiting for `messageId` (before it is published, so no receipt can
   * slip past); resolves with its final status, or undefined at `deadline` (epoch ms).
   */
  waitFor(messageId: string, deadline: number): { result: Promise<FinalStatus | undefined>; cancel: () => void } {
    let waiter!: Waiter;
    const result = new Promise<FinalStatus | undefined>((resolve) => {
      const timer = setTimeout(() => waiter.settle(undefined), Math.max(0, deadline - Date.now()));
      waiter = {
        settle: (status) => {
          clearTimeout(timer);
          if (this.forget(messageId, waiter)) resolve(status);
        },
      };
    });
    const waiters = this.waiting.get(messageId) ?? new Set<Waiter>();
    waiters.add(waiter);
    this.waiting.set(messageId, waiters);
    this.count += 1;
    return { result, cancel: () => waiter.settle(undefined) };
  }

  /** A receipt arrived: every request waiting for it is answered. */
  settle(messageId: string, status: FinalStatus): void {
    for (const waiter of [...(this.waiting.get(messageId) ?? [])]) waiter.settle(status);
  }

  // True the first time a waiter is forgotten, so each is settled once.
  private forget(messageId: string, waiter: Waiter): boolean {
    const waiters = this.waiting.get(messageId);
    if (!waiters?.delete(waiter)) return false;
    if (waiters.size === 0) this.waiting.delete(messageId);
    this.count -= 1;
    return true;
  }
}
