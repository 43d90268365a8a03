/** DI token of the shared kafkajs client of a service; only this library injects it. */
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
/** DI token of a RecordProducer's transactions; unset for the service's shared (idempotent) producer. */
export const RECORD_PRODUCER_TRANSACTIONS = Symbol('RECORD_PRODUCER_TRANSACTIONS');
