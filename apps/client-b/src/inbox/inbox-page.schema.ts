import { ApiProperty } from '@nestjs/swagger';
import type { InboxPage } from './inbox.page';
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
