import { Module } from '@nestjs/common';
import { StoredMessage, StoredMessageSchema } from '@app/mongo';
import { MongooseModule } from '@nestjs/mongoose';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { AcceptedMessageLookup } from './accepted-message.lookup';
import { ClientMessagePublisher } from './client-message.publisher';
import { MessageLengthPipe } from './message-length.pipe';
import { MessageStatusRepository } from './message-status.repository';
import { MessageStatusChange, MessageStatusChangeSchema } from './message-status.schema';
import { MessageStatusService } from './message-status.service';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';
import { OutboxEntry, OutboxEntrySchema } from './outbox-entry.schema';
import { OutboxEntryRepository } from './outbox-entry.repository';
import { OutboxBacklog } from './outbox.backlog';
import { OutboxRelay } from './outbox.relay';
import { PendingMessageWriter } from './pending-message.writer';
import { PublishedMessagesRecorder } from './published-messages.recorder';
import { SentMessageRepository } from './sent-message.repository';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: StoredMessage.name, schema: StoredMessageSchema },
      { name: OutboxEntry.name, schema: OutboxEntrySchema },
      { name: MessageStatusChange.name, schema: MessageStatusChangeSchema },
    ]),
    IdempotencyModule,
  ],
  controllers: [MessagesController],
  providers: [
    MessagesService,
    AcceptedMessageLookup,
    MessageStatusService,
    SentMessageRepository,
    OutboxEntryRepository,
    MessageStatusRepository,
    ClientMessagePublisher,
    OutboxBacklog,
    OutboxRelay,
    PendingMessageWriter,
    PublishedMessagesRecorder,
    MessageLengthPipe,
  ],
  exports: [MessageStatusRepository],
})
export class MessagesModule {}
