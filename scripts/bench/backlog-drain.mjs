// Stage 3: a backlog already in client-messages, client-b stopped; time until all of it is stored.
// Tooling, not service code: it talks to the broker with kafkajs directly.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

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

/**
 * Starts client-b and measures how fast it works through `count` messages: done when its
 * group has committed them all, which it does only once each is stored. That every one was
 * stored, once, is the correctness check's to prove at the end; counting here would time
 * FerretDB's full scans, not client-b.
 */
export async function measureDrain(system, lag, { count }) {
  const startedAt = Date.now();
  await system.start('client-b');
  await lag.waitForZero();
  const seconds = (Date.now() - startedAt) / 1000;
  return { messages: count, seconds, messagesPerSecond: count / seconds };
}
