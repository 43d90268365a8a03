import { Module } from '@nestjs/common';
import { StoredMessage, StoredMessageSchema } from '@app/mongo';
import { MongooseModule } from '@nestjs/mongoose';
import { AccessModule } from '../access/access.module';
import { ReceiptsModule } from '../receipts/receipts.module';
import { FaultInjector } from './fault.injector';
import { InboxController } from './inbox.controller';
import { InboxHandler, retryTopicServerProvider } from './inbox.handler';
import { InboxPageReader } from './inbox-page.reader';
import { InboxMetrics, InboxService } from './inbox.service';
import { RecentFailures } from './recent-failures';
import { ReceivedMessageRepository } from './received-message.repository';
import { StoredMessagesFeed } from './stored-messages.feed';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: StoredMessage.name, schema: StoredMessageSchema }]),
    ReceiptsModule,
    AccessModule,
  ],
  controllers: [InboxHandler, InboxController],
  providers: [
    InboxService,
    InboxPageReader,
    InboxMetrics,
    ReceivedMessageRepository,
    FaultInjector,
    StoredMessagesFeed,
    RecentFailures,
    retryTopicServerProvider,
  ],
  exports: [retryTopicServerProvider, ReceivedMessageRepository, StoredMessagesFeed, FaultInjector, RecentFailures],
})
export class InboxModule {}
