import { DLT_ORIGINAL_OFFSET_HEADER, DLT_ORIGINAL_PARTITION_HEADER } from '@app/contracts';
import { RawRecord, waitUntil } from '@app/kafka/testing';
import { clientMessageRecord } from './support/client-message.factory';
import { DisposableBroker } from './support/disposable-broker';
import { MessagingSystem } from './support/messaging-system';
import { PrometheusScrape } from './support/prometheus-scrape';
import { ServiceProcess } from './support/service.process';
import { workerPort } from './support/worker-slot';

jest.setTimeout(300_000);

const PARTITIONS = 2;
const FAILING_RECORDS = 3_000;
const REQUEST_TIMEOUT_MS = 2_000;
/**
 * Longer than kafkajs' whole schedule of resends of one produce (six attempts of
 * 2 s and the waits between, about 21 s): the produce in flight fails for good.
 */
const BROKER_FREEZE_MS = 26_000;

describe('a produce that times out for good while client-b forwards failures', () => {
  const broker = new DisposableBroker(workerPort(29500, 2));
  // A session longer than the freeze: the member stays in the group, so the test sees the producer's recovery alone.
  const system = new MessagingSystem(
    { LOG_LEVEL: 'warn', KAFKA_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), KAFKA_SESSION_TIMEOUT_MS: '120000' },
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

  it('should replace the producer and forward every failed record once the broker answers again', async () => {
    ({ service: clientB, url } = await system.start('client-b'));
    const before = clientMessageRecord({ message: 'before the freeze' });
    await system.kafka.produce(system.topics.messages, [before]);
    await waitUntil(() => system.store.count({ messageId: before.messageId }).then((n) => n === 1), {
      timeoutMs: 60_000,
      description: 'client-b to consume before the freeze',
    });

    // Found all at once when client-b runs again, so it is forwarding when the broker freezes.
    clientB.freeze();
    const failing: RawRecord[] = Array.from({ length: FAILING_RECORDS }, (_, index) => ({
      key: null,
      value: `not json ${index}`,
    }));
    await system.kafka.produce(system.topics.messages, failing);
    clientB.thaw();
    await waitUntil(() => system.kafka.endOffsetTotal(system.topics.deadLetter).then((n) => n > 0), {
      timeoutMs: 60_000,
      intervalMs: 20,
      description: 'client-b to start forwarding dead letters',
    });
    broker.freeze();
    await new Promise((resolve) => setTimeout(resolve, BROKER_FREEZE_MS));
    broker.thaw();

    await waitUntil(
      () =>
        system.kafka.groupLag(system.groupId, [system.topics.messages, system.topics.retry]).then((lag) => lag === 0),
      {
        timeoutMs: 120_000,
        intervalMs: 500,
        description: 'client-b to commit every failed record',
      },
    );
    const scrape = await PrometheusScrape.of(url);
    expect(scrape.value('client_messaging_producer_replaced_total')).toBeGreaterThan(0);
    // Once each, as readers see the topic: the failed produce's transaction was aborted when the new
    // producer took over its transactional id. Only a send that failed during its commit may have
    // committed before its resend (counted; its records at most once more each).
    const deadLetters = await system.kafka.readAll(system.topics.deadLetter, 60_000);
    const originals = new Set(
      deadLetters.map(
        ({ headers }) => `${headers[DLT_ORIGINAL_PARTITION_HEADER]}@${headers[DLT_ORIGINAL_OFFSET_HEADER]}`,
      ),
    );
    expect(originals.size).toBe(FAILING_RECORDS);
    const commitsUnknown = scrape.value('client_messaging_forward_commit_unknown_total');
    console.log(
      `producers replaced: ${scrape.value('client_messaging_producer_replaced_total')}, commits unknown: ${commitsUnknown}, duplicates: ${deadLetters.length - FAILING_RECORDS}`,
    );
    expect(deadLetters.length - FAILING_RECORDS).toBeLessThanOrEqual(commitsUnknown * FAILING_RECORDS);
    if (commitsUnknown === 0) expect(deadLetters).toHaveLength(FAILING_RECORDS);

    const after = clientMessageRecord({ message: 'after the freeze' });
    await system.kafka.produce(system.topics.messages, [after]);
    await waitUntil(() => system.store.count({ messageId: after.messageId, mailbox: 'inbox' }).then((n) => n === 1), {
      timeoutMs: 60_000,
      description: 'a good message sent after the freeze to be stored',
    });
    expect(clientB.crash()).toBeUndefined();
  });
});
