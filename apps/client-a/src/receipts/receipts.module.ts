import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { ReceiptConsumer } from './receipt.consumer';
import { ReceiptRecorder } from './receipt.recorder';

/** Delivery receipts from client-b, recorded as status steps of the sent messages. */
@Module({
  imports: [DeliveryModule],
  providers: [ReceiptConsumer, ReceiptRecorder],
})
export class ReceiptsModule {}
