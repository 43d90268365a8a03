import { ConfigurationError } from '@app/config';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Admin, Kafka } from 'kafkajs';
import { KAFKA_CLIENT } from '../kafka.constants';
import { KAFKA_MODULE_OPTIONS } from '../kafka.module-definition';
import { KafkaModuleOptions } from '../kafka-module-options.interface';
import { explainConnectionFailure } from '../errors/explain-connection-failure';
import { withTimeout } from '../errors/kafka.errors';
import { PartitionShortfall, partitionShortfalls } from './partition-shortfall';

/**
 * Makes sure the service's topics exist before it produces or consumes, with
 * the configured partition count: a topic created with fewer (an older
 * deployment's single partition) is grown when KAFKA_GROW_PARTITIONS allows
 * it, and is never left as it is without saying so.
 */
@Injectable()
export class TopicProvisioner {
  private readonly logger = new Logger(TopicProvisioner.name);

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly options: KafkaModuleOptions,
  ) {}

  async ensureTopics(): Promise<void> {
    const admin = this.kafka.admin();
    try {
      await this.connect(admin);
      await this.createMissing(admin);
      await this.checkPartitions(admin);
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * The first connection of a start: a refused password or an untrusted certificate is said in one
   * line, as a ConfigurationError (the start stops); anything else (a broker not reachable yet) is
   * thrown as it is, for the start to wait and try again.
   */
  private async connect(admin: Admin): Promise<void> {
    try {
      await this.bounded(admin.connect(), 'Kafka admin connect');
    } catch (error) {
      const explained = explainConnectionFailure(error);
      throw explained ? new ConfigurationError(explained, { cause: error }) : error;
    }
  }

  private async createMissing(admin: Admin): Promise<void> {
    const { names, numPartitions, replicationFactor, create } = this.options.topics;
    const existing = new Set(await this.bounded(admin.listTopics(), 'listing topics'));
    const missing = names.filter((name) => !existing.has(name));
    if (missing.length === 0) return;
    if (!create)
      throw new ConfigurationError(`Kafka topics missing and KAFKA_CREATE_TOPICS=false: ${missing.join(', ')}`);
    // Another instance starting at the same time may create them first: kafkajs then answers false, not an error.
    await this.bounded(
      admin.createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor })),
        waitForLeaders: true,
      }),
      'creating topics',
    );
    this.logger.log(`Created topics ${missing.join(', ')} with ${numPartitions} partition(s) each`);
  }

  private async checkPartitions(admin: Admin): Promise<void> {
    const shortfalls = partitionShortfalls(await this.partitionCounts(admin), this.options.topics.numPartitions);
    if (shortfalls.length === 0) return;
    if (!this.options.topics.growPartitions) {
      for (const { topic, partitions, wanted } of shortfalls) {
        this.logger.warn(
          `Topic ${topic} has ${partitions} partition(s), fewer than KAFKA_TOPIC_PARTITIONS=${wanted}: ` +
            `at most ${partitions} consumer(s) of a group read it. Set KAFKA_GROW_PARTITIONS=true to grow it at start`,
        );
      }
      return;
    }
    await this.grow(admin, shortfalls);
  }

  private async grow(admin: Admin, shortfalls: PartitionShortfall[]): Promise<void> {
    try {
      await this.bounded(
        admin.createPartitions({ topicPartitions: shortfalls.map(({ topic, wanted }) => ({ topic, count: wanted })) }),
        'growing partitions',
      );
    } catch (error) {
      // Another instance may have grown them a moment ago: what counts is the count now.
      const left = partitionShortfalls(await this.partitionCounts(admin), this.options.topics.numPartitions);
      if (left.length > 0) throw error;
    }
    for (const { topic, partitions, wanted } of shortfalls) {
      this.logger.warn(`Grew topic ${topic} from ${partitions} to ${wanted} partitions (KAFKA_GROW_PARTITIONS=true)`);
    }
  }

  private async partitionCounts(admin: Admin): Promise<Map<string, number>> {
    const { topics } = await this.bounded(
      admin.fetchTopicMetadata({ topics: this.options.topics.names }),
      'reading topic metadata',
    );
    return new Map(topics.map(({ name, partitions }) => [name, partitions.length]));
  }

  private bounded<T>(work: Promise<T>, what: string): Promise<T> {
    return withTimeout(work, this.options.requestTimeoutMs * 3, what);
  }
}
