import { Module } from '@nestjs/common';
import { DeliveryReceiptPublisher } from './delivery-receipt.publisher';

/** Delivery receipts to client-a, on the status topic. */
@Module({
  providers: [DeliveryReceiptPublisher],
  exports: [DeliveryReceiptPublisher],
})
export class ReceiptsModule {}
