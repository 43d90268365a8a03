import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { InboxMessageView, decodeInboxCursor } from './inbox-message.view';

interface Slot {
  readonly receivedAt: Date;
  stored?: InboxMessageView[];
}

/**
 * Newly stored inbox messages, in the inbox's order: a batch takes a slot
 * (its `receivedAt`, strictly later than the slot before) before it is
 * written, and its messages go out once every earlier slot has gone out, so
 * live subscribers see messages in exactly the (receivedAt, _id) order a
 * replay from the database gives. Only messages stored now are announced,
 * never redeliveries of stored ones.
 */
@Injectable()
export class StoredMessagesFeed {
  private readonly stored$ = new Subject<InboxMessageView>();
  private readonly slots: Slot[] = [];
  private lastReceivedAt = 0;

  get messages$(): Observable<InboxMessageView> {
    return this.stored$.asObservable();
  }

  /** The `receivedAt` of the next batch; every slot must be filled, with [] when nothing was stored. */
  openSlot(): { receivedAt: Date; fill: (stored: InboxMessageView[]) => void } {
    this.lastReceivedAt = Math.max(Date.now(), this.lastReceivedAt + 1);
    const slot: Slot = { receivedAt: new Date(this.lastReceivedAt) };
    this.slots.push(slot);
    return {
      receivedAt: slot.receivedAt,
      fill: (stored) => {
        // By `_id`, as the database orders ties of receivedAt (cursors are encoded, so not comparable).
        slot.stored = [...stored].sort((a, b) => (idOf(a) < idOf(b) ? -1 : 1));
        this.flush();
      },
    };
  }

  private flush(): void {
    while (this.slots.length > 0 && this.slots[0].stored !== undefined) {
      this.slots.shift()!.stored!.forEach((message) => this.stored$.next(message));
    }
  }
}

function idOf(message: InboxMessageView): string {
  return decodeInboxCursor(message.cursor)?.id ?? '';
}
