import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReceiptsModule } from '../receipts/receipts.module';
import { FaultInjector } from './fault.injector';
import { InboxController } from './inbox.controller';
import { InboxHandler } from './inbox.handler';
import { InboxService } from './inbox.service';
import { ReceivedMessage, ReceivedMessageSchema } from './received-message.schema';
import { ReceivedMessageRepository } from './received-message.repository';
import { retryTopicServerProvider } from './retry-topic-server.provider';

@Module({
  imports: [MongooseModule.forFeature([{ name: ReceivedMessage.name, schema: ReceivedMessageSchema }]), ReceiptsModule],
  controllers: [InboxHandler, InboxController],
  providers: [InboxService, ReceivedMessageRepository, FaultInjector, retryTopicServerProvider],
  exports: [retryTopicServerProvider],
})
export class InboxModule {}
