import { ApiErrorResponses } from '@app/http';
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InboxGuard } from '../access/inbox.guard';
import { InboxPageSchema } from './inbox-page.schema';
import { InboxPageQuery } from './inbox-page.query';
import { InboxPage } from './inbox.page';
import { INBOX_PAGE_MAX_BYTES, InboxPageReader } from './inbox-page.reader';

/** GET /messages: the inbox, newest stored first, a page at a time. */
@ApiTags('inbox')
@Controller('messages')
@UseGuards(InboxGuard)
export class InboxController {
  constructor(private readonly pages: InboxPageReader) {}

  @Get()
  @ApiOperation({
    summary: "client-b's inbox, newest stored first, a page at a time",
    description:
      `A page holds at most \`limit\` messages and at most ${INBOX_PAGE_MAX_BYTES} bytes of them as JSON (at least one ` +
      'message, however large): a page cut by bytes has fewer messages than `limit` and a `nextCursor` that goes on from there.',
  })
  @ApiOkResponse({ type: InboxPageSchema })
  @ApiErrorResponses({ 400: 'A query parameter is invalid (`fields` names it)', 503: 'The database is unavailable' })
  list(@Query() query: InboxPageQuery): Promise<InboxPage> {
    return this.pages.read(query);
  }
}
