import { Consumer, Kafka } from 'kafkajs';

/** Per partition of a fetch (the broker still sends a larger single record batch whole). */
const FETCH_MAX_BYTES_PER_PARTITION = 1024 * 1024;
const FETCH_MAX_BYTES = 2 * FETCH_MAX_BYTES_PER_PARTITION;

export interface GroupConsumerSettings {
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
}

/**
 * A kafkajs consumer with the settings every consumer of this system shares.
 * kafkajs restarts itself after most crashes but stops for good after those it
 * deems final; `onFinalCrash` is called then, so the owner can start again.
 */
export function createGroupConsumer(
  kafka: Kafka,
  settings: GroupConsumerSettings,
  onFinalCrash: (error: Error) => void,
): Consumer {
  const consumer = kafka.consumer({
    groupId: settings.groupId,
    sessionTimeout: settings.sessionTimeoutMs,
    heartbeatInterval: Math.floor(settings.sessionTimeoutMs / 10),
    allowAutoTopicCreation: false,
    // A fetch response is held until its records are finished; kafkajs' default (10 MB)
    // would let one response alone take a third of a service's memory budget.
    maxBytes: FETCH_MAX_BYTES,
    maxBytesPerPartition: FETCH_MAX_BYTES_PER_PARTITION,
    retry: { retries: 10, restartOnFailure: async () => true },
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) onFinalCrash(payload.error);
  });
  return consumer;
}
