import { Module } from '@nestjs/common';
import { DeliveryReceiptPublisher } from './delivery-receipt.publisher';
import { ReceiptMetrics } from './receipt.metrics';

/** Delivery receipts to client-a, on the status topic. */
@Module({
  providers: [DeliveryReceiptPublisher, ReceiptMetrics],
  exports: [DeliveryReceiptPublisher],
})
export class ReceiptsModule {}
