import { kafkaCaCertificates, kafkaTimeouts, ServiceEnvironment } from '@app/config';
import { KafkaModuleOptions } from './kafka-module-options.interface';

/** The Kafka connection settings of a service, from its validated environment. */
export function kafkaOptionsFromEnvironment(env: ServiceEnvironment, topicNames: string[]): KafkaModuleOptions {
  const sasl =
    env.KAFKA_SASL_MECHANISM && env.KAFKA_SASL_USERNAME && env.KAFKA_SASL_PASSWORD
      ? { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD }
      : undefined;
  return {
    clientId: env.KAFKA_CLIENT_ID,
    brokers: env.KAFKA_BROKERS,
    ssl: env.KAFKA_SSL,
    caCertificates: env.KAFKA_SSL ? kafkaCaCertificates(env) : undefined,
    sasl,
    connectionTimeoutMs: kafkaTimeouts(env).connectionTimeoutMs,
    requestTimeoutMs: env.KAFKA_REQUEST_TIMEOUT_MS,
    maxRequestBytes: env.KAFKA_MAX_REQUEST_BYTES,
    healthTimeoutMs: env.HEALTH_TIMEOUT_MS,
    topics: {
      names: topicNames,
      numPartitions: env.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: env.KAFKA_TOPIC_REPLICATION_FACTOR,
      create: env.KAFKA_CREATE_TOPICS,
      growPartitions: env.KAFKA_GROW_PARTITIONS,
    },
  };
}
