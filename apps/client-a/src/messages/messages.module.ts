import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { MessageLengthPipe } from './message-length.pipe';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

/** POST /send-message and GET /messages/:id. */
@Module({
  imports: [DeliveryModule, IdempotencyModule],
  controllers: [MessagesController],
  providers: [MessagesService, MessageLengthPipe],
})
export class MessagesModule {}
