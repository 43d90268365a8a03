import { RETRY_DUE_AT_HEADER, RETRY_HEADER } from '@app/contracts';
import { waitUntil } from '@app/kafka/testing';
import { clientMessageRecord } from './support/client-message.factory';
import { MessagingSystem } from './support/messaging-system';

jest.setTimeout(120_000);

describe('retry records due sooner are not stuck behind ones due later', () => {
  const system = new MessagingSystem();

  beforeAll(async () => {
    await system.open();
    await system.start('client-b');
  });

  afterAll(() => system.close());

  it('should process a record when it is due although later-due records are ahead of it in the partition', async () => {
    const now = Date.now();
    const dueLater = clientMessageRecord(
      { message: 'due later' },
      { [RETRY_HEADER]: '3', [RETRY_DUE_AT_HEADER]: String(now + 12_000) },
    );
    const dueSoon = clientMessageRecord(
      { message: 'due soon' },
      { [RETRY_HEADER]: '1', [RETRY_DUE_AT_HEADER]: String(now + 3_000) },
    );

    await system.kafka.produce(system.topics.retry, [dueLater, dueSoon]);

    const [soon] = await waitUntil(
      () =>
        system.store
          .find({ messageId: dueSoon.messageId, mailbox: 'inbox' })
          .then((found) => found.length > 0 && found),
      {
        timeoutMs: 10_000,
        description: 'the record due soon to be stored',
      },
    );
    expect(await system.store.count({ messageId: dueLater.messageId, mailbox: 'inbox' })).toBe(0);
    const [later] = await waitUntil(
      () =>
        system.store
          .find({ messageId: dueLater.messageId, mailbox: 'inbox' })
          .then((found) => found.length > 0 && found),
      {
        timeoutMs: 30_000,
        description: 'the record due later to be stored',
      },
    );
    expect(soon.receivedAt!.getTime()).toBeGreaterThanOrEqual(now + 3_000);
    expect(later.receivedAt!.getTime()).toBeGreaterThanOrEqual(now + 12_000);
    console.log(
      `retry lateness (ms): due-soon ${soon.receivedAt!.getTime() - (now + 3_000)}, due-later ${later.receivedAt!.getTime() - (now + 12_000)}`,
    );
    await waitUntil(() => system.kafka.groupLag(system.groupId, [system.topics.retry]).then((lag) => lag === 0));
  });
});
