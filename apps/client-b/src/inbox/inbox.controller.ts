import { ApiErrorResponses } from '@app/http';
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InboxGuard } from '../access/inbox.guard';
import { InboxPageSchema } from './inbox-page.schema';
import { InboxPageQuery } from './inbox-page.query';
import { toInboxMessageView } from './inbox-message.view';
import { InboxPage } from './inbox.page';
import { ReceivedMessageRepository } from './received-message.repository';

/** GET /messages: the inbox, newest stored first, a page at a time. */
@ApiTags('inbox')
@Controller('messages')
@UseGuards(InboxGuard)
export class InboxController {
  constructor(private readonly repository: ReceivedMessageRepository) {}

  @Get()
  @ApiOperation({ summary: "client-b's inbox, newest stored first, a page at a time" })
  @ApiOkResponse({ type: InboxPageSchema })
  @ApiErrorResponses({ 400: 'A query parameter is invalid (`fields` names it)', 503: 'The database is unavailable' })
  async list(@Query() query: InboxPageQuery): Promise<InboxPage> {
    // One more than asked tells whether another page follows.
    const found = await this.repository.page({ ...query, limit: query.limit + 1 });
    const messages = found.slice(0, query.limit).map(toInboxMessageView);
    const hasMore = found.length > query.limit;
    return { messages, nextCursor: hasMore ? messages[messages.length - 1].cursor : null };
  }
}
