import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { InboxModule } from '../inbox/inbox.module';
import { InboxStreamController } from './inbox-stream.controller';
import { InboxGateway } from './inbox.gateway';
import { InboxStream } from './inbox.stream';
import { liveFeedProvider } from './live.feed';
import { SseConnectionLimitGuard } from './sse-connection-limit.guard';
import { WebPageController } from '../web/web-page.controller';

/**
 * Live push of stored messages: SSE at GET /messages/stream (from the live
 * feed, through Redis when REDIS_URL is set), Socket.IO at /inbox (through
 * the Redis adapter then, see main.ts).
 */
@Module({
  imports: [InboxModule, AccessModule],
  providers: [liveFeedProvider, InboxStream, InboxGateway, SseConnectionLimitGuard],
  controllers: [InboxStreamController, WebPageController],
})
export class LiveModule {}
