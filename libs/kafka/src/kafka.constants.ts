/** DI token of the shared kafkajs client of a service; only this library injects it. */
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
