import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { Observable, ReplaySubject, takeUntil } from 'rxjs';
import { InboxMessageView, toInboxMessageView } from '../inbox/inbox-message.view';
import { decodeInboxCursor, InboxPosition } from '../inbox/inbox.cursor';
import { ReceivedMessageRepository } from '../inbox/received-message.repository';
import { LiveFeed } from './live.feed';

const REPLAY_PAGE = 500;
/** Live messages held for one subscriber while its replay runs; past it, the subscriber is dropped. */
const MAX_HELD_DURING_REPLAY = 10_000;

/**
 * What one live subscriber sees: the messages stored after a position, read
 * from the database, then the live feed, with nothing missed and nothing twice
 * (the feed and the database share one order, and whatever the feed brought
 * during the replay is passed on only past the replay's last position). It
 * completes when the feed does, as its subscriber may have missed messages,
 * and when the service shuts down.
 */
@Injectable()
export class InboxStream implements BeforeApplicationShutdown {
  // Replayed, so a stream opened while the service shuts down ends at once too.
  private readonly shuttingDown$ = new ReplaySubject<void>(1);

  constructor(
    private readonly feed: LiveFeed,
    private readonly repository: ReceivedMessageRepository,
  ) {}

  // The HTTP server waits for open responses as it closes: streams end first, and each
  // EventSource reconnects, to another instance or to this one once it is back.
  beforeApplicationShutdown(): void {
    this.shuttingDown$.next();
  }

  /** Live from now on; with `afterCursor` (an SSE Last-Event-ID), first what was stored since it. */
  messages(afterCursor?: string): Observable<InboxMessageView> {
    return this.liveAfter(afterCursor).pipe(takeUntil(this.shuttingDown$));
  }

  private liveAfter(afterCursor?: string): Observable<InboxMessageView> {
    const from = afterCursor === undefined ? undefined : decodeInboxCursor(afterCursor);
    return new Observable<InboxMessageView>((subscriber) => {
      const held: InboxMessageView[] = [];
      let live = from === undefined;
      let last = from;
      const subscription = this.feed.messages$.subscribe({
        next: (message) => {
          if (live) return subscriber.next(message);
          if (held.length >= MAX_HELD_DURING_REPLAY) return subscriber.error(new Error('too many messages arrived during the replay'));
          held.push(message);
        },
        complete: () => subscriber.complete(),
      });
      if (from) {
        void this.replay(from, (message) => {
          subscriber.next(message);
          last = decodeInboxCursor(message.cursor);
        })
          .then(() => {
            held.filter((message) => isAfter(message, last)).forEach((message) => subscriber.next(message));
            live = true;
          })
          .catch((error: unknown) => subscriber.error(error));
      }
      return () => subscription.unsubscribe();
    });
  }

  private async replay(from: InboxPosition, emit: (message: InboxMessageView) => void): Promise<void> {
    let position = from;
    for (;;) {
      const page = await this.repository.after(position, REPLAY_PAGE);
      page.forEach((stored) => emit(toInboxMessageView(stored)));
      if (page.length < REPLAY_PAGE) return;
      const newest = page[page.length - 1];
      position = { receivedAt: newest.receivedAt, id: newest._id };
    }
  }
}

function isAfter(message: InboxMessageView, position: InboxPosition | undefined): boolean {
  const own = decodeInboxCursor(message.cursor);
  if (!own || !position) return true;
  const byTime = own.receivedAt.getTime() - position.receivedAt.getTime();
  return byTime > 0 || (byTime === 0 && own.id > position.id);
}
