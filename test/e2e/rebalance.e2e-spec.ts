import { parseDeliveryReceipt, RETRY_DUE_AT_HEADER, RETRY_HEADER } from '@app/contracts';
import { waitUntil } from '@app/kafka/testing';
import { clientMessageRecord } from './support/client-message.factory';
import { MessagingSystem } from './support/messaging-system';
import { ServiceProcess } from './support/service.process';

jest.setTimeout(300_000);

const PARTITIONS = 6;
const MAIN_RECORDS = 20_000;
const RETRY_RECORDS = 600;
const CHUNK = 250;
const CHUNK_PAUSE_MS = 300;

/**
 * Three client-b instances share six partitions while 20,000 records arrive;
 * one is killed with SIGKILL halfway, a fourth joins, another is stopped with
 * SIGTERM. Retry records due later are held across those rebalances.
 */
describe('rebalances while consuming (3 client-b instances, 6 partitions)', () => {
  const system = new MessagingSystem({ KAFKA_SESSION_TIMEOUT_MS: '10000' }, { partitions: PARTITIONS });
  const forClientB = new Set<string>();
  const dueAtOf = new Map<string, number>();
  const all = new Set<string>();

  beforeAll(async () => {
    await system.open();
    const instances: ServiceProcess[] = [];
    for (let i = 0; i < 3; i += 1) instances.push((await system.start('client-b')).service);

    // Retry records, due 15-25 s from now, on every partition: held in memory across the rebalances.
    const firstDueAt = Date.now() + 15_000;
    const retries = Array.from({ length: RETRY_RECORDS }, (_, i) => {
      const dueAt = firstDueAt + (i % 11) * 1000;
      const record = clientMessageRecord(
        { message: `retry #${i}` },
        { [RETRY_HEADER]: '1', [RETRY_DUE_AT_HEADER]: String(dueAt) },
      );
      dueAtOf.set(record.messageId, dueAt);
      return { ...record, partition: i % PARTITIONS };
    });
    await system.kafka.produce(system.topics.retry, retries);
    retries.forEach(({ messageId }) => (forClientB.add(messageId), all.add(messageId)));

    // Main records: two in three for clientB, spread over every partition (as if keyed by
    // conversation), the others for 20 other recipients, keyed by recipient.
    for (let sent = 0; sent < MAIN_RECORDS; sent += CHUNK) {
      const chunk = Array.from({ length: CHUNK }, (_, j) => {
        const n = sent + j;
        if (n % 3 === 2) return clientMessageRecord({ to: `client${n % 20}`, message: `for someone else #${n}` });
        const record = clientMessageRecord({ message: `for clientB #${n}` });
        forClientB.add(record.messageId);
        return { ...record, partition: n % PARTITIONS };
      });
      chunk.forEach(({ messageId }) => all.add(messageId));
      await system.kafka.produce(system.topics.messages, chunk);
      if (sent === 7_000) await instances[1].stop('SIGKILL'); // a lost host: no LeaveGroup, no drain
      if (sent === 10_000) instances.push((await system.start('client-b')).service); // a new instance joins
      if (sent === 14_000) await instances[0].stop('SIGTERM'); // a deploy: drains and leaves
      await new Promise((resolve) => setTimeout(resolve, CHUNK_PAUSE_MS));
    }
    await waitUntil(
      async () => (await system.kafka.groupLag(system.groupId, [system.topics.messages, system.topics.retry])) === 0,
      {
        timeoutMs: 180_000,
        description: 'client-b group to commit every record',
      },
    );
  });

  afterAll(() => system.close());

  it('should store every message for clientB exactly once', async () => {
    const stored = await system.store.valuesIn('messages', 'messageId', { mailbox: 'inbox' });

    expect(stored.length).toBe(forClientB.size);
    expect(new Set(stored).size).toBe(forClientB.size);
    expect(stored.every((id) => forClientB.has(id as string))).toBe(true);
  });

  it('should publish a receipt for every record, stored or ignored', async () => {
    const total = await system.kafka.endOffsetTotal(system.topics.status);
    const receipts = await system.kafka.readRecords(system.topics.status, total, 60_000);
    const receipted = new Set(receipts.map((record) => parseDeliveryReceipt(record.value)?.messageId));

    expect([...all].filter((id) => !receipted.has(id))).toEqual([]);
  });

  it('should store no retry record before its due time, whoever held it', async () => {
    const retried = await system.store.find({ mailbox: 'inbox' });
    const early = retried
      .filter(({ messageId }) => dueAtOf.has(messageId))
      .filter(({ messageId, receivedAt }) => receivedAt!.getTime() < dueAtOf.get(messageId)!);

    expect(retried.filter(({ messageId }) => dueAtOf.has(messageId)).length).toBe(RETRY_RECORDS);
    expect(early).toEqual([]);
  });
});
