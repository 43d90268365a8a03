import { METRICS_PREFIX, METRICS_REGISTRY } from '@app/metrics';
import { ClientMessagePayload } from '@app/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';

/** client-b's side of `/metrics`: messages stored and ignored, and how long a message took from accepted to stored. */
@Injectable()
export class InboxMetrics {
  private readonly storedTotal: Counter;
  private readonly ignoredTotal: Counter;
  private readonly endToEndSeconds: Histogram;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    const registers = [registry];
    this.storedTotal = new Counter({
      name: `${METRICS_PREFIX}messages_stored_total`,
      help: 'Messages stored in the inbox (a redelivery of a stored one is not counted again)',
      registers,
    });
    this.ignoredTotal = new Counter({
      name: `${METRICS_PREFIX}messages_ignored_total`,
      help: 'Messages for another recipient, committed without storing',
      registers,
    });
    this.endToEndSeconds = new Histogram({
      name: `${METRICS_PREFIX}end_to_end_seconds`,
      help: "From client-a's acceptance (acceptedAt) to the inbox copy being stored; includes retry delays",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
  }

  stored(payload: ClientMessagePayload): void {
    this.storedTotal.inc();
    // Clocks of two hosts: a negative difference (skew) is counted as zero.
    this.endToEndSeconds.observe(Math.max(0, Date.now() - Date.parse(payload.acceptedAt)) / 1000);
  }

  ignored(): void {
    this.ignoredTotal.inc();
  }
}
