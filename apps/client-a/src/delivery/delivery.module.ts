import { StoredMessage, StoredMessageSchema } from '@app/mongo';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AcceptedMessageWriter } from './accepted-message.writer';
import { ClientMessagePublisher } from './client-message.publisher';
import { DeliveryStatusReader } from './delivery-status.reader';
import { DeliveryMetrics } from './delivery.metrics';
import { MessageStatusRepository, MessageStatusChange, MessageStatusChangeSchema } from './message-status.repository';
import { MessageDelivery } from './message.delivery';
import { OutboxEntry, OutboxEntrySchema, OutboxEntryRepository } from './outbox-entry.repository';
import { OutboxEntryRemover } from './outbox-entry.remover';
import { OutboxRelay } from './outbox.relay';
import { PublishQueue } from './publish.queue';
import { SentMessageRepository } from './sent-message.repository';

/**
 * Everything about getting an accepted message to Kafka and knowing where it
 * is, behind MessageDelivery. Receipts record into MessageStatusRepository.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: StoredMessage.name, schema: StoredMessageSchema },
      { name: OutboxEntry.name, schema: OutboxEntrySchema },
      { name: MessageStatusChange.name, schema: MessageStatusChangeSchema },
    ]),
  ],
  providers: [
    MessageDelivery,
    AcceptedMessageWriter,
    PublishQueue,
    OutboxRelay,
    OutboxEntryRemover,
    DeliveryStatusReader,
    ClientMessagePublisher,
    SentMessageRepository,
    OutboxEntryRepository,
    MessageStatusRepository,
    DeliveryMetrics,
  ],
  exports: [MessageDelivery, MessageStatusRepository],
})
export class DeliveryModule {}
