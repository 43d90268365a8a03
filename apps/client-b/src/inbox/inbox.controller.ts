import { ApiErrorResponses } from '@app/http';
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiProperty } from '@nestjs/swagger';
import { InboxGuard } from '../access/inbox.guard';
import { InboxPageQuery } from './inbox-page.query';
import { InboxPage, INBOX_PAGE_MAX_BYTES, InboxPageReader } from './inbox-page.reader';
import type { InboxMessageView } from './inbox-message.view';

/** {@link InboxMessageView} as the OpenAPI document shows it: GET /messages, the SSE data, the socket event. */
export class InboxMessageViewSchema implements InboxMessageView {
  @ApiProperty({ format: 'uuid' })
  messageId: string;

  @ApiProperty({ example: 'clientA' })
  from: string;

  @ApiProperty({ example: 'clientB' })
  to: string;

  @ApiProperty({ example: 'Test success' })
  message: string;

  @ApiProperty({ format: 'date-time', description: 'When client-a accepted it' })
  timestamp: string;

  @ApiProperty({ format: 'date-time', description: "When client-b stored it: the inbox's order" })
  receivedAt: string;

  @ApiProperty({ description: 'Its place in that order: `before` of GET /messages, `id` of its SSE event' })
  cursor: string;
}

/** {@link InboxPage} as the OpenAPI document shows it. */
export class InboxPageSchema implements InboxPage {
  @ApiProperty({ type: [InboxMessageViewSchema], description: 'Newest stored first' })
  messages: InboxMessageViewSchema[];

  @ApiProperty({
    type: 'string',
    nullable: true,
    description:
      'Pass as `before` for the next (older) page; null on the last page. A page ends at `limit` messages or at 1 MiB of ' +
      'them as JSON, whichever comes first',
  })
  nextCursor: string | null;
}

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
