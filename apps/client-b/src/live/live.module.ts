import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { InboxModule } from '../inbox/inbox.module';
import { InboxStreamController } from './inbox-stream.controller';
import { InboxGateway } from './inbox.gateway';
import { InboxStream } from './inbox.stream';
import { WebPageController } from '../web/web-page.controller';

/** Live push of stored messages: the feed, SSE at GET /messages/stream, Socket.IO at /inbox. */
@Module({
  imports: [InboxModule, AccessModule],
  providers: [InboxStream, InboxGateway],
  controllers: [InboxStreamController, WebPageController],
})
export class LiveModule {}
