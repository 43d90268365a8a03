import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module';
import { ReceiptConsumer } from './receipt.consumer';
import { ReceiptRecorder } from './receipt.recorder';

/** Delivery receipts from client-b, recorded as status steps of the sent messages. */
@Module({
  imports: [MessagesModule],
  providers: [ReceiptConsumer, ReceiptRecorder],
})
export class ReceiptsModule {}
