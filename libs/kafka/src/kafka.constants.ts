/** DI token of the shared kafkajs client of a service. */
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');

/** The type of the client behind {@link KAFKA_CLIENT}, so that apps never import kafkajs. */
export type { Kafka as KafkaClient } from 'kafkajs';
