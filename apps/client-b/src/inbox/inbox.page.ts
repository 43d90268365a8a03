import { InboxMessageView } from './inbox-message.view';

/** One page of GET /messages. */
export interface InboxPage {
  messages: InboxMessageView[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}
