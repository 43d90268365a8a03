import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { KAFKA_MODULE_OPTIONS } from '../kafka.module-definition';
import { KafkaModuleOptions } from '../kafka-module-options.interface';
import { SharedAdmin } from './shared-admin';

/** Readiness: a broker of the cluster answers a metadata request within the health bound. */
@Injectable()
export class KafkaHealth {
  constructor(
    private readonly admin: SharedAdmin,
    private readonly health: HealthIndicatorService,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly options: KafkaModuleOptions,
  ) {}

  async check(): Promise<HealthIndicatorResult> {
    const kafka = this.health.check('kafka');
    try {
      const { brokers } = await this.admin.run(
        'Kafka metadata',
        (admin) => admin.describeCluster(),
        this.options.healthTimeoutMs,
      );
      return kafka.up({ brokers: brokers.length });
    } catch (error) {
      return kafka.down({ message: (error as Error).message });
    }
  }
}
