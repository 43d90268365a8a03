import { Kafka, logLevel } from 'kafkajs';
import { KafkaModuleOptions } from '../kafka-module-options.interface';
import { kafkaLogCreator } from './kafka-log-creator';

/** Builds the one kafkajs client a service shares between its producer, consumer and admin. */
export function createKafkaClient(options: KafkaModuleOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    // Given CAs replace Node's list rather than add to it, as Java's truststore does.
    ssl: options.ssl && options.caCertificates ? { ca: options.caCertificates } : options.ssl,
    // kafkajs' SASL union type does not narrow from a string mechanism.
    sasl: options.sasl as never,
    connectionTimeout: options.connectionTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    // Short, bounded reconnect attempts: a missing broker becomes an error in seconds, not minutes.
    retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(),
  });
}
