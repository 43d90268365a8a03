import { METRICS_PREFIX, METRICS_REGISTRY } from '@app/metrics';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { ClientAEnvironment } from '../config/client-a.environment';
import { OutboxEntryRepository } from './outbox-entry.repository';

export type AcceptedLabel = 'sent' | 'pending' | 'already-stored';

/** client-a's side of `/metrics`: messages accepted by the status answered, published, and still in the outbox. */
@Injectable()
export class DeliveryMetrics {
  private readonly logger = new Logger(DeliveryMetrics.name);
  private readonly acceptedTotal: Counter<'status'>;
  private readonly publishedTotal: Counter;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry, entries: OutboxEntryRepository, env: ClientAEnvironment) {
    const registers = [registry];
    this.acceptedTotal = new Counter({
      name: `${METRICS_PREFIX}messages_accepted_total`,
      help: 'Messages stored and answered, by status: sent (Kafka acknowledged in time), pending, already-stored (a repeated request)',
      labelNames: ['status'],
      registers,
    });
    this.publishedTotal = new Counter({
      name: `${METRICS_PREFIX}messages_published_total`,
      help: 'Accepted messages Kafka acknowledged (from requests and from the outbox relay)',
      registers,
    });
    const logger = this.logger;
    new Gauge({
      name: `${METRICS_PREFIX}outbox_pending`,
      help: 'Accepted messages whose publication is not recorded yet (outbox entries)',
      registers,
      // Counted at scrape time within the database bound; left unchanged when the database does not answer.
      async collect() {
        try {
          this.set(await entries.count(env.MONGODB_TIMEOUT_MS));
        } catch (error) {
          logger.warn(`Outbox not counted: ${(error as Error).message}`);
        }
      },
    });
  }

  accepted(status: AcceptedLabel): void {
    this.acceptedTotal.inc({ status });
  }

  published(count: number): void {
    this.publishedTotal.inc(count);
  }
}
