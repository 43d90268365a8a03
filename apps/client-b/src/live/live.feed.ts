import { Observable } from 'rxjs';
import { InboxMessageView } from '../inbox/inbox-message.view';

/**
 * What this instance's SSE clients are pushed: every stored message, in the
 * storing instance's order. It completes for its subscribers when messages
 * may have been missed (a lost Redis subscription): a stream then ends, and
 * its EventSource comes back with its Last-Event-ID to read them from the database.
 */
export abstract class LiveFeed {
  abstract readonly messages$: Observable<InboxMessageView>;
}
