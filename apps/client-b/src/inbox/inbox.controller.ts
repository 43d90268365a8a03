import { Controller, Get, Query } from '@nestjs/common';
import { InboxPageQuery } from './inbox-page.query';
import { encodeInboxCursor } from './inbox.cursor';
import { ReceivedMessageRepository } from './received-message.repository';

/** One message of GET /messages. */
export interface InboxMessageView {
  messageId: string;
  from: string;
  to: string;
  message: string;
  /** When client-a accepted it. */
  timestamp: string;
  /** When client-b stored it: the inbox's order. */
  receivedAt: string;
  cursor: string;
}

export interface InboxPage {
  messages: InboxMessageView[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** GET /messages: the inbox, newest stored first, a page at a time. */
@Controller('messages')
export class InboxController {
  constructor(private readonly repository: ReceivedMessageRepository) {}

  @Get()
  async list(@Query() query: InboxPageQuery): Promise<InboxPage> {
    // One more than asked tells whether another page follows.
    const found = await this.repository.page({ ...query, limit: query.limit + 1 });
    const messages = found.slice(0, query.limit).map((stored) => ({
      messageId: stored.messageId,
      from: stored.from,
      to: stored.to,
      message: stored.message,
      timestamp: stored.timestamp.toISOString(),
      receivedAt: stored.receivedAt.toISOString(),
      cursor: encodeInboxCursor({ receivedAt: stored.receivedAt, id: stored._id }),
    }));
    const hasMore = found.length > query.limit;
    return { messages, nextCursor: hasMore ? messages[messages.length - 1].cursor : null };
  }
}
