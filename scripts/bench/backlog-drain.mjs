// Stage 3: a backlog already in client-messages, client-b stopped; time until all of it is stored.
// Tooling, not service code: it talks to the broker with kafkajs directly.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { inboxCount } from './database.mjs';

const PRODUCE_BATCH = 2000;

export async function produceBacklog(brokers, topic, count) {
  const kafka = new Kafka({ clientId: 'bench', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (let sent = 0; sent < count; sent += PRODUCE_BATCH) {
      const messages = Array.from({ length: Math.min(PRODUCE_BATCH, count - sent) }, () => {
        const messageId = randomUUID();
        const value = { messageId, from: 'clientA', to: 'clientB', message: 'backlog', acceptedAt: new Date().toISOString() };
        return { key: 'clientB', value: JSON.stringify(value), headers: { 'message-id': messageId } };
      });
      await producer.send({ topic, acks: -1, messages });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Starts client-b and measures how fast it stores `count` more messages. */
export async function measureDrain(system, connection, lag, { storedBefore, count }) {
  const startedAt = Date.now();
  await system.start('client-b');
  await lag.waitForZero();
  const seconds = (Date.now() - startedAt) / 1000;
  const stored = (await inboxCount(connection)) - storedBefore;
  return { messages: stored, expected: count, seconds, messagesPerSecond: stored / seconds };
}
