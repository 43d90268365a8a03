import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Admin, Kafka } from 'kafkajs';
import { withTimeout } from '../errors/with-timeout';
import { KAFKA_CLIENT } from '../kafka.constants';
import { KAFKA_MODULE_OPTIONS } from '../kafka.module-definition';
import { KafkaModuleOptions } from '../kafka-module-options.interface';

/** Readiness: a broker of the cluster answers a metadata request within the health bound. */
@Injectable()
export class KafkaHealth implements OnApplicationShutdown {
  private admin?: Promise<Admin>;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly options: KafkaModuleOptions,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(): Promise<HealthIndicatorResult> {
    const kafka = this.health.check('kafka');
    try {
      const { brokers } = await withTimeout(
        this.connectedAdmin().then((admin) => admin.describeCluster()),
        this.options.healthTimeoutMs,
        'Kafka metadata',
      );
      return kafka.up({ brokers: brokers.length });
    } catch (error) {
      // A fresh connection next time: kafkajs' admin does not always recover a broken one by itself.
      void this.reset();
      return kafka.down({ message: (error as Error).message });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reset();
  }

  // One admin across checks, no retries of its own: the health bound is the only wait.
  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin({ retry: { retries: 0 } });
      await admin.connect();
      return admin;
    })();
    return this.admin;
  }

  private async reset(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((connected) => connected.disconnect()).catch(() => undefined);
  }
}
