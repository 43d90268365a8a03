import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { ReceiptConsumer } from './receipt.consumer';
import { ReceiptListener } from './receipt.listener';
import { ReceiptRecorder } from './receipt.recorder';
import { ReceiptWaiters } from './receipt.waiters';

/** Delivery receipts from client-b: recorded as status steps, and told to requests waiting for them. */
@Module({
  imports: [DeliveryModule],
  providers: [ReceiptConsumer, ReceiptRecorder, ReceiptListener, ReceiptWaiters],
  exports: [ReceiptWaiters],
})
export class ReceiptsModule {}
