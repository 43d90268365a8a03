import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ReceiptsModule } from '../receipts/receipts.module';
import { MessageLengthPipe } from './message-length.pipe';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

/** POST /send-message and GET /messages/:id. */
@Module({
  imports: [DeliveryModule, IdempotencyModule, ReceiptsModule],
  controllers: [MessagesController],
  providers: [MessagesService, MessageLengthPipe],
})
export class MessagesModule {}
