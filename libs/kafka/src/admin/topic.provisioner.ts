import { Inject, Injectable, Logger } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { KAFKA_CLIENT } from '../kafka.constants';
import { KAFKA_MODULE_OPTIONS } from '../kafka.module-definition';
import { KafkaModuleOptions } from '../kafka-module-options.interface';
import { withTimeout } from '../errors/with-timeout';

/** Makes sure the service's topics exist before it produces or consumes. */
@Injectable()
export class TopicProvisioner {
  private readonly logger = new Logger(TopicProvisioner.name);

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly options: KafkaModuleOptions,
  ) {}

  async ensureTopics(): Promise<void> {
    const { names, numPartitions, replicationFactor, create } = this.options.topics;
    const admin = this.kafka.admin();
    const bound = this.options.requestTimeoutMs * 3;
    try {
      await withTimeout(admin.connect(), bound, 'Kafka admin connect');
      const existing = new Set(await withTimeout(admin.listTopics(), bound, 'listing topics'));
      const missing = names.filter((name) => !existing.has(name));
      if (missing.length === 0) return;
      if (!create) {
        throw new Error(`Kafka topics missing and KAFKA_CREATE_TOPICS=false: ${missing.join(', ')}`);
      }
      await withTimeout(
        admin.createTopics({
          topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor })),
          waitForLeaders: true,
        }),
        bound,
        'creating topics',
      );
      this.logger.log(`Created topics ${missing.join(', ')}`);
    } finally {
      await admin.disconnect();
    }
  }
}
