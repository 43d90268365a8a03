import { Observable } from 'rxjs';
import { InboxMessageView } from '../inbox/inbox-message.view';
import { StoredMessagesFeed } from '../inbox/stored-messages.feed';
import { LiveFeed } from './live.feed';

/** Without Redis: what this instance stores, straight from its own feed (one instance sees everything). */
export class LocalLiveFeed extends LiveFeed {
  constructor(private readonly stored: StoredMessagesFeed) {
    super();
  }

  get messages$(): Observable<InboxMessageView> {
    return this.stored.messages$;
  }
}
