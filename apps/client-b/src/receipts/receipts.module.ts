import { Module } from '@nestjs/common';
import { DeliveryReceiptPublisher, ReceiptMetrics } from './delivery-receipt.publisher';

/** Delivery receipts to client-a, on the status topic. */
@Module({
  providers: [DeliveryReceiptPublisher, ReceiptMetrics],
  exports: [DeliveryReceiptPublisher],
})
export class ReceiptsModule {}
