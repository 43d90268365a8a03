import { DLT_ORIGINAL_OFFSET_HEADER, DLT_ORIGINAL_PARTITION_HEADER, DLT_ORIGINAL_TOPIC_HEADER } from '@app/contracts';
import { RawRecord, waitUntil } from '@app/kafka/testing';
import { clientMessageRecord } from './support/client-message.factory';
import { DisposableBroker } from './support/disposable-broker';
import { MessagingSystem } from './support/messaging-system';
import { PrometheusScrape } from './support/prometheus-scrape';
import { ServiceProcess } from './support/service.process';
import { workerPort } from './support/worker-slot';

jest.setTimeout(300_000);

const PARTITIONS = 6;
/**
 * 20,000 tiny records a partition: what one fetch of two partitions turned into took
 * client-b's 128 MB heap before the byte budget (60,000 and 90,000 did not).
 */
const FLOOD_SIZE = 120_000;
const LARGE_VALUE_BYTES = 900 * 1024;
/** Every this many records, one of 900 KB: the flood mixes the broker's largest values with tiny ones. */
const LARGE_EVERY = 10_000;
/**
 * Past client-b's request timeout (3 s), so a produce in flight times out; within
 * kafkajs' retries of it, which resend it under the same producer id and sequence.
 */
const BROKER_FREEZE_MS = 9_000;
/** The most dead letters one produce request can carry (1 MB of records of at least 300 bytes with their headers). */
const MAX_RECORDS_PER_REQUEST = Math.ceil((1024 * 1024) / 300);
/** A slice (one send, one transaction) is at most 4 MB of records: four requests' worth. */
const MAX_RECORDS_PER_SLICE = 4 * MAX_RECORDS_PER_REQUEST;
/**
 * What client-b may take resident while it works through the flood: its 128 MB
 * old space, young generation, ~60 MB of code and runtime, and the Kafka
 * buffers of the records and forwards in flight.
 */
const RSS_BUDGET_BYTES = 230 * 1024 * 1024;

/** Another producer's records without keys: its own schema, text that is not JSON, our schema gone wrong. */
function malformedLine(index: number): string {
  if (index % LARGE_EVERY === LARGE_EVERY - 1) return 'l'.repeat(LARGE_VALUE_BYTES);
  // Small values: the most records, and so the most dead letters, a fetch of one megabyte can hold.
  if (index % 3 === 0) return `{"from":"otherApp","n":${index}}`;
  if (index % 3 === 1) return `not json ${index}`;
  return `{"messageId":"x","n":${index}}`;
}

/** Keyless records in requests the broker accepts; the producer's partitioner spreads them over every partition. */
async function produceFlood(system: MessagingSystem): Promise<void> {
  let batch: RawRecord[] = [];
  let bytes = 0;
  for (let index = 0; index < FLOOD_SIZE; index += 1) {
    const value = malformedLine(index);
    if (batch.length > 0 && bytes + value.length > 512 * 1024) {
      await system.kafka.produce(system.topics.messages, batch);
      batch = [];
      bytes = 0;
    }
    batch.push({ key: null, value });
    bytes += value.length;
  }
  await system.kafka.produce(system.topics.messages, batch);
}

// Polled: an idle keep-alive connection of the client may be closed by the server just as it is reused.
async function producerCounters(url: string): Promise<{ replaced: number; commitsUnknown: number }> {
  let counters = { replaced: 0, commitsUnknown: 0 };
  await waitUntil(
    async () => {
      const scrape = await PrometheusScrape.of(url);
      counters = {
        replaced: scrape.value('client_messaging_producer_replaced_total'),
        commitsUnknown: scrape.value('client_messaging_forward_commit_unknown_total'),
      };
      return true;
    },
    { timeoutMs: 10_000, description: "client-b's metrics" },
  );
  return counters;
}

describe('a flood of keyless malformed records over every partition, and a produce that times out in it', () => {
  const broker = new DisposableBroker(workerPort(29300, 2));
  const system = new MessagingSystem(
    // A session longer than client-b's freeze: it stays in the group, and a rebalance's
    // reprocessing (at least once, see the rebalance spec) does not blur the count.
    { LOG_LEVEL: 'warn', KAFKA_REQUEST_TIMEOUT_MS: '3000', KAFKA_SESSION_TIMEOUT_MS: '120000' },
    { kafkaBrokers: broker.brokers, partitions: PARTITIONS },
  );
  let clientB: ServiceProcess;
  let url: string;

  beforeAll(async () => {
    await broker.start();
    await system.open();
  });

  afterAll(async () => {
    await system.close();
    await broker.destroy();
  });

  it('should dead-letter every record once, commit the flood within its memory budget, never crash and store what comes next', async () => {
    ({ service: clientB, url } = await system.start('client-b'));
    const before = clientMessageRecord({ message: 'before the flood' });
    await system.kafka.produce(system.topics.messages, [before]);
    await waitUntil(() => system.store.count({ messageId: before.messageId }).then((n) => n === 1), {
      timeoutMs: 60_000,
      description: 'client-b to consume before the flood',
    });

    // Produced while client-b is frozen, so it finds the whole flood at once when it runs again.
    clientB.freeze();
    await produceFlood(system);
    clientB.thaw();
    const resumedAt = Date.now();
    let drainMs = 0;

    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, clientB.peakRssBytes() ?? 0)), 100);
    try {
      // Mid-flood: the broker stops answering while client-b forwards dead letters.
      await waitUntil(() => system.kafka.endOffsetTotal(system.topics.deadLetter).then((n) => n > 0), {
        timeoutMs: 60_000,
        intervalMs: 50,
        description: 'client-b to start dead-lettering the flood',
      });
      broker.freeze();
      await new Promise((resolve) => setTimeout(resolve, BROKER_FREEZE_MS));
      broker.thaw();
      await waitUntil(
        () =>
          system.kafka.groupLag(system.groupId, [system.topics.messages, system.topics.retry]).then((lag) => lag === 0),
        {
          timeoutMs: 180_000,
          intervalMs: 500,
          description: 'client-b to commit the whole flood',
        },
      );
      drainMs = Date.now() - resumedAt;
    } finally {
      clearInterval(sampler);
    }
    console.log(
      `flood of ${FLOOD_SIZE} over ${PARTITIONS} partitions: committed ${drainMs} ms after client-b resumed, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`,
    );
    expect(clientB.crash()).toBeUndefined();
    expect(peakRss).toBeGreaterThan(0);
    expect(peakRss).toBeLessThan(RSS_BUDGET_BYTES);

    // All of the topic: a record written twice must not stand in for one not read yet.
    const deadLetters = await system.kafka.readAll(system.topics.deadLetter, 120_000);
    const perOriginal = new Map<string, number>();
    for (const { headers } of deadLetters) {
      expect(headers[DLT_ORIGINAL_TOPIC_HEADER]).toBe(system.topics.messages);
      const original = `${headers[DLT_ORIGINAL_PARTITION_HEADER]}@${headers[DLT_ORIGINAL_OFFSET_HEADER]}`;
      perOriginal.set(original, (perOriginal.get(original) ?? 0) + 1);
    }
    expect(perOriginal.size).toBe(FLOOD_SIZE);
    // Once each, as readers see the topic: a produce that timed out was aborted when the new producer
    // took over its transactional id. Only a send that failed during its commit may have committed
    // before its resend (counted; at most one slice's records, once more each).
    const { replaced, commitsUnknown } = await producerCounters(url);
    const duplicated = [...perOriginal.values()].filter((count) => count > 1);
    console.log(
      `producers replaced: ${replaced}, commits unknown: ${commitsUnknown}, records dead-lettered twice: ${duplicated.length}`,
    );
    expect(duplicated.length).toBeLessThanOrEqual(commitsUnknown * MAX_RECORDS_PER_SLICE);
    expect(duplicated.every((count) => count <= 1 + commitsUnknown)).toBe(true);
    expect(new Set(deadLetters.map((record) => record.partition)).size).toBe(PARTITIONS);
    const large = deadLetters.filter((record) => record.value?.length === LARGE_VALUE_BYTES);
    expect(large).toHaveLength(Math.floor(FLOOD_SIZE / LARGE_EVERY));

    const after = clientMessageRecord({ message: 'after the flood' });
    await system.kafka.produce(system.topics.messages, [after]);
    await waitUntil(() => system.store.count({ messageId: after.messageId, mailbox: 'inbox' }).then((n) => n === 1), {
      timeoutMs: 60_000,
      description: 'a good message sent after the flood to be stored',
    });
    expect(clientB.crash()).toBeUndefined();
  });
});
