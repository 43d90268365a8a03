import { Consumer, Kafka } from 'kafkajs';

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
    retry: { retries: 10, restartOnFailure: async () => true },
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) onFinalCrash(payload.error);
  });
  return consumer;
}
