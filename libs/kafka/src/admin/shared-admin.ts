import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka } from 'kafkajs';
import { withTimeout } from '../errors/with-timeout';
import { KAFKA_CLIENT } from '../kafka.constants';
import { KAFKA_MODULE_OPTIONS } from '../kafka.module-definition';
import { KafkaModuleOptions } from '../kafka-module-options.interface';

/**
 * One admin connection for the questions asked again and again (readiness,
 * consumer lag), with no retries of its own: `ask` is bounded by the health
 * timeout, and a failed connection is replaced on the next question.
 */
@Injectable()
export class SharedAdmin implements OnApplicationShutdown {
  private admin?: Promise<Admin>;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly options: KafkaModuleOptions,
  ) {}

  async ask<T>(what: string, question: (admin: Admin) => Promise<T>): Promise<T> {
    try {
      return await withTimeout(this.connected().then(question), this.options.healthTimeoutMs, what);
    } catch (error) {
      void this.reset();
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reset();
  }

  private connected(): Promise<Admin> {
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
