import { Injectable } from '@nestjs/common';
import { weighedInboxMessageView, InboxMessageView, readWithinBudget } from './inbox-message.view';
import { InboxQuery, ReceivedMessageRepository } from './received-message.repository';

/** One page of GET /messages. */
export interface InboxPage {
  messages: InboxMessageView[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/**
 * The most one page of GET /messages carries of messages, as JSON bytes: 1 MiB
 * (about 20 messages of the longest text, 16,384 characters, thousands of
 * short ones). Past it the page ends early and its `nextCursor` goes on from
 * there; a page always holds at least one message.
 */
export const INBOX_PAGE_MAX_BYTES = 1024 * 1024;

/** GET /messages' pages: `limit` messages at most, and no more than INBOX_PAGE_MAX_BYTES of them. */
@Injectable()
export class InboxPageReader {
  constructor(private readonly repository: ReceivedMessageRepository) {}

  async read(query: InboxQuery): Promise<InboxPage> {
    // One more than asked tells whether another page follows.
    const { items: messages, cut } = await readWithinBudget(
      this.repository.page({ ...query, limit: query.limit + 1 }),
      { maxMessages: query.limit, maxBytes: INBOX_PAGE_MAX_BYTES },
      weighedInboxMessageView,
    );
    return { messages, nextCursor: cut ? messages[messages.length - 1].cursor : null };
  }
}
