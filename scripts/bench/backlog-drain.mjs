// Stage 3: a backlog already in client-messages, client-b stopped; time until all of it is stored.
// Tooling, not service code: it talks to the broker with kafkajs directly.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

const PRODUCE_BATCH = 2000;

/**
 * `count` messages for clientB. Keyed by recipient they all land on one partition; with
 * `spreadOver` they are spread over that many partitions, to measure what more instances give
 * when the work is spread (many recipients).
 */
export async function produceBacklog(brokers, topic, count, { spreadOver } = {}) {
  const kafka = new Kafka({ clientId: 'bench', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (let sent = 0; sent < count; sent += PRODUCE_BATCH) {
      const messages = Array.from({ length: Math.min(PRODUCE_BATCH, count - sent) }, (_, i) => {
        const messageId = randomUUID();
        const value = {
          messageId,
          from: 'clientA',
          to: 'clientB',
          message: 'backlog',
          acceptedAt: new Date().toISOString(),
        };
        const partition = spreadOver ? (sent + i) % spreadOver : undefined;
        return { key: 'clientB', partition, value: JSON.stringify(value), headers: { 'message-id': messageId } };
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
export async function measureDrain(system, lag, { count, instances = ['client-b'] }) {
  const startedAt = Date.now();
  await Promise.all(instances.map((name) => system.start(name)));
  const cpuAtStart = instances.map((name) => system.cpuSeconds(name));
  await lag.waitForZero();
  const seconds = (Date.now() - startedAt) / 1000;
  const cpuSeconds = instances.reduce((sum, name, i) => sum + system.cpuSeconds(name) - cpuAtStart[i], 0);
  // CPU from the first health answer on: start-up is not a stored message's cost.
  return {
    messages: count,
    instances: instances.length,
    seconds,
    messagesPerSecond: count / seconds,
    cpuMsPerMessage: (cpuSeconds * 1000) / count,
  };
}
