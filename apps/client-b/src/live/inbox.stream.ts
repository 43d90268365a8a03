import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { Observable, ReplaySubject, Subscriber, takeUntil } from 'rxjs';
import {
  InboxMessageView,
  weighedInboxMessageView,
  decodeInboxCursor,
  InboxPosition,
  ReadBudget,
  readWithinBudget,
} from '../inbox/inbox-message.view';
import { ReceivedMessageRepository } from '../inbox/received-message.repository';
import { LiveFeed } from './live.feed';

/**
 * The deepest replay one stream gets: 1000 messages or 512 KiB of them as
 * JSON. Half of what a stream may leave unread (1 MiB), so a replay alone
 * never gets its client dropped; further back, the client reads GET /messages.
 */
export const REPLAY_BUDGET: ReadBudget = { maxMessages: 1000, maxBytes: 512 * 1024 };
/** Replays reading the database at once on this instance; the others wait their turn (a hundred reconnecting clients cost four). */
const REPLAYS_AT_ONCE = 4;
/** Live messages held for one subscriber while its replay waits or runs; past it, the replay is cut short. */
const MAX_HELD_DURING_REPLAY = 10_000;

/**
 * The replay could not bring the subscriber up to date within its budget:
 * its stream ends, and its client either reconnects from the last message it
 * got (the next part of the replay) or reloads the inbox from GET /messages.
 */
export class ReplayCutShortError extends Error {
  constructor(readonly reason: string) {
    super(`The replay was cut short: ${reason}`);
  }
}

/**
 * What one live subscriber sees: the messages stored after a position, read
 * from the database, then the live feed, with nothing missed and nothing twice
 * (the feed and the database share one order, and whatever the feed brought
 * during the replay is passed on only past the replay's last position). It
 * completes when the feed does, as its subscriber may have missed messages,
 * and when the service shuts down. A replay reads no further once its
 * subscriber has gone, and no deeper than REPLAY_BUDGET.
 */
@Injectable()
export class InboxStream implements BeforeApplicationShutdown {
  // Replayed, so a stream opened while the service shuts down ends at once too.
  private readonly shuttingDown$ = new ReplaySubject<void>(1);
  private readonly gate = new ReplayGate(REPLAYS_AT_ONCE);

  constructor(
    private readonly feed: LiveFeed,
    private readonly repository: ReceivedMessageRepository,
  ) {}

  // The HTTP server waits for open responses as it closes: streams end first, and each
  // EventSource reconnects, to another instance or to this one once it is back.
  beforeApplicationShutdown(): void {
    this.shuttingDown$.next();
  }

  /** Live from now on; with `after` (an SSE Last-Event-ID), first what was stored since it. */
  messages(after?: InboxPosition): Observable<InboxMessageView> {
    return this.liveAfter(after).pipe(takeUntil(this.shuttingDown$));
  }

  private liveAfter(from?: InboxPosition): Observable<InboxMessageView> {
    return new Observable<InboxMessageView>((subscriber) => {
      const held: InboxMessageView[] = [];
      let live = from === undefined;
      const subscription = this.feed.messages$.subscribe({
        next: (message) => {
          if (live) return subscriber.next(message);
          if (held.length >= MAX_HELD_DURING_REPLAY)
            return subscriber.error(new ReplayCutShortError('too many messages arrived meanwhile'));
          held.push(message);
        },
        complete: () => subscriber.complete(),
      });
      if (from) {
        this.replay(from, subscriber)
          .then((last) => {
            held.filter((message) => isAfter(message, last)).forEach((message) => subscriber.next(message));
            held.length = 0;
            live = true;
          })
          .catch((error: unknown) => subscriber.error(error));
      }
      return () => subscription.unsubscribe();
    });
  }

  // Emits what was stored after `from`, within the budget; resolves with the last position replayed.
  private async replay(from: InboxPosition, subscriber: Subscriber<InboxMessageView>): Promise<InboxPosition> {
    const leave = await this.gate.enter();
    try {
      if (subscriber.closed) return from;
      const gone = () => subscriber.closed;
      const { items, cut } = await readWithinBudget(
        this.repository.after(from, REPLAY_BUDGET.maxMessages + 1),
        REPLAY_BUDGET,
        weighedInboxMessageView,
        gone,
      );
      items.forEach((message) => subscriber.next(message));
      if (cut)
        throw new ReplayCutShortError(
          `more than ${REPLAY_BUDGET.maxMessages} messages or ${REPLAY_BUDGET.maxBytes} bytes were stored since`,
        );
      return items.length === 0 ? from : (decodeInboxCursor(items[items.length - 1].cursor) ?? from);
    } finally {
      leave();
    }
  }
}

/** At most `size` replays at once; the others wait in order of arrival. */
class ReplayGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async enter(): Promise<() => void> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      // The place passes straight to the next in line, so `running` counts it still.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    };
  }
}

function isAfter(message: InboxMessageView, position: InboxPosition): boolean {
  const own = decodeInboxCursor(message.cursor);
  if (!own) return true;
  const byTime = own.receivedAt.getTime() - position.receivedAt.getTime();
  return byTime > 0 || (byTime === 0 && own.id > position.id);
}
