import { ClientMessagePayload } from '@app/contracts';
import { Injectable } from '@nestjs/common';

/**
 * Whether this instance's outbox has messages Kafka has not acknowledged.
 * While it does, requests leave publishing to the relay, which sends oldest
 * first: a new message never overtakes an older pending one of the same
 * recipient, and requests do not each wait for a broker that is down.
 *
 * Requests also hand their messages to the relay here, in arrival order, so
 * the relay can end the backlog under steady traffic: it publishes what was
 * handed over until, in one synchronous step, it finds nothing new and clears
 * the flag. No request can slip between that check and the clear.
 */
@Injectable()
export class OutboxBacklog {
  private pending = false;
  private handedOver: ClientMessagePayload[] = [];

  get exists(): boolean {
    return this.pending;
  }

  mark(): void {
    this.pending = true;
  }

  /** A stored message whose request left it to the relay. */
  handOver(payload: ClientMessagePayload): void {
    this.handedOver.push(payload);
  }

  /** Everything handed over since the last call, oldest first. */
  takeHandedOver(): ClientMessagePayload[] {
    const taken = this.handedOver;
    this.handedOver = [];
    return taken;
  }

  /** Ends the backlog if nothing was handed over since the last take; true when it did. */
  clearIfNothingHandedOver(): boolean {
    if (this.handedOver.length > 0) return false;
    this.pending = false;
    return true;
  }
}
