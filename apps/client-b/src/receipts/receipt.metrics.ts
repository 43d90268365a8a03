import { METRICS_PREFIX, METRICS_REGISTRY } from '@app/metrics';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';

/** Why a receipt was not sent: its record named no message of ours, or it could not fit in a produce request. */
export type ReceiptDropReason = 'invalid-message-id' | 'too-large';

/** client-b's receipts on `/metrics`: those it did not send, and why. */
@Injectable()
export class ReceiptMetrics {
  private readonly droppedTotal: Counter<'reason'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.droppedTotal = new Counter({
      name: `${METRICS_PREFIX}receipts_dropped_total`,
      help: 'Delivery receipts not sent, by reason: a message-id that is no canonical UUID, or a receipt too large to produce',
      labelNames: ['reason'],
      registers: [registry],
    });
  }

  dropped(reason: ReceiptDropReason, count = 1): void {
    this.droppedTotal.inc({ reason }, count);
  }
}
