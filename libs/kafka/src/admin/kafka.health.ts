import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { SharedAdmin } from './shared-admin';

/** Readiness: a broker of the cluster answers a metadata request within the health bound. */
@Injectable()
export class KafkaHealth {
  constructor(
    private readonly admin: SharedAdmin,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(): Promise<HealthIndicatorResult> {
    const kafka = this.health.check('kafka');
    try {
      const { brokers } = await this.admin.ask('Kafka metadata', (admin) => admin.describeCluster());
      return kafka.up({ brokers: brokers.length });
    } catch (error) {
      return kafka.down({ message: (error as Error).message });
    }
  }
}
