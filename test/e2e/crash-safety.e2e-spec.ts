import { waitUntil } from '@app/kafka/testing';
import { clientMessageRecords } from './support/client-message.factory';
import { MessagingSystem } from './support/messaging-system';

jest.setTimeout(300_000);

const BATCH = 1000;

async function produceAll(system: MessagingSystem, count: number, label: string): Promise<string[]> {
  const records = clientMessageRecords(count, label);
  for (let start = 0; start < records.length; start += BATCH) {
    await system.kafka.produce(system.topics.messages, records.slice(start, start + BATCH));
  }
  return records.map((record) => record.messageId);
}

async function expectEachStoredOnce(system: MessagingSystem, messageIds: string[]): Promise<void> {
  await waitUntil(() => system.store.count({ mailbox: 'inbox' }).then((n) => n >= messageIds.length), {
    timeoutMs: 180_000,
    intervalMs: 500,
    description: `${messageIds.length} stored messages`,
  });
  const stored = await system.store.find({ mailbox: 'inbox' });
  const storedIds = new Set(stored.map((message) => message.messageId));
  expect(stored).toHaveLength(messageIds.length);
  expect(messageIds.every((id) => storedIds.has(id))).toBe(true);
  expect(await system.kafka.endOffsetTotal(system.topics.deadLetter)).toBe(0);
}

describe('client-b stopped in the middle of a stream', () => {
  it('should store every one of 10,000 messages exactly once when killed with SIGKILL and started again', async () => {
    const system = new MessagingSystem();
    await system.open();
    try {
      const ids = await produceAll(system, 10_000, 'sigkill');
      const { service } = await system.start('client-b', { LOG_LEVEL: 'warn' });
      // Committed offsets, not a count of the collection: FerretDB counts by scanning, which took
      // long enough on a fast run that everything was stored before the kill.
      await waitUntil(
        () => system.kafka.groupLag(system.groupId, [system.topics.messages]).then((lag) => lag <= 8000),
        { timeoutMs: 120_000, intervalMs: 20, description: '2,000 messages committed' },
      );

      await service.stop('SIGKILL');
      const storedAtKill = await system.store.count({ mailbox: 'inbox' });
      await system.start('client-b', { LOG_LEVEL: 'warn' });

      expect(storedAtKill).toBeLessThan(10_000);
      await expectEachStoredOnce(system, ids);
    } finally {
      await system.close();
    }
  });

  it('should exit within 10 s on SIGTERM and lose nothing when started again', async () => {
    const system = new MessagingSystem();
    await system.open();
    try {
      const ids = await produceAll(system, 5_000, 'sigterm');
      const { service } = await system.start('client-b');
      await waitUntil(() => system.store.count({ mailbox: 'inbox' }).then((n) => n >= 1000), { timeoutMs: 120_000 });

      const stoppingAt = Date.now();
      const exitCode = await service.stop('SIGTERM');
      const stopMs = Date.now() - stoppingAt;
      await system.start('client-b', { LOG_LEVEL: 'warn' });

      // Nest re-raises the signal after its shutdown hooks ran, so the process ends "by SIGTERM".
      expect([0, 'SIGTERM']).toContain(exitCode);
      expect(service.logs).toContain('Consumer stopped cleanly');
      expect(stopMs).toBeLessThan(10_000);
      await expectEachStoredOnce(system, ids);
    } finally {
      await system.close();
    }
  });
});
