import { Controller, DefaultValuePipe, Get, ParseIntPipe, Query } from '@nestjs/common';
import { StoredMessage } from '@app/mongo';
import { ReceivedMessageRepository } from './received-message.repository';

const MAX_PAGE = 500;

/** GET /messages: the most recent messages client-b has stored. */
@Controller('messages')
export class InboxController {
  constructor(private readonly repository: ReceivedMessageRepository) {}

  @Get()
  list(@Query('limit', new DefaultValuePipe(50), ParseIntPipe) limit: number): Promise<StoredMessage[]> {
    return this.repository.findRecent(Math.min(Math.max(limit, 1), MAX_PAGE));
  }
}
