import { Injectable } from '@nestjs/common';

/**
 * Whether this instance's outbox has messages Kafka has not acknowledged.
 * While it does, requests leave publishing to the relay, which sends oldest
 * first: a new message never overtakes an older pending one of the same
 * recipient, and requests do not each wait for a broker that is down.
 */
@Injectable()
export class OutboxBacklog {
  private pending = false;

  get exists(): boolean {
    return this.pending;
  }

  mark(): void {
    this.pending = true;
  }

  clear(): void {
    this.pending = false;
  }
}
