import { DLT_EXCEPTION_CLASS_HEADER, MESSAGE_ID_HEADER, RETRY_HEADER } from '@app/contracts';
import { RawRecord, waitUntil } from '@app/kafka/testing';
import { clientMessageRecord } from './support/client-message.factory';
import { MessagingSystem } from './support/messaging-system';
import { ServiceProcess } from './support/service.process';

jest.setTimeout(120_000);

describe('poison records go to the dead-letter topic on their first attempt', () => {
  const system = new MessagingSystem();
  let clientB: ServiceProcess;

  beforeAll(async () => {
    await system.open();
    ({ service: clientB } = await system.start('client-b'));
  });

  afterAll(() => system.close());

  it('should dead-letter each poison record at once and keep consuming the stream behind them', async () => {
    const poison: RawRecord[] = [
      { key: 'p1', value: 'this is not json', headers: { [MESSAGE_ID_HEADER]: 'p1' } },
      { key: 'p2', value: JSON.stringify({ from: 'clientA', to: 'clientB' }), headers: { [MESSAGE_ID_HEADER]: 'p2' } },
      { key: 'p4', value: 'x'.repeat(1_000_000), headers: { [MESSAGE_ID_HEADER]: 'p4' } },
    ];
    // Retry headers count only on the retry topic (on the main topic they are ignored).
    const malformedRetry = {
      ...clientMessageRecord({ messageId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }),
      key: 'p3',
      headers: { [MESSAGE_ID_HEADER]: 'p3', [RETRY_HEADER]: 'seven' },
    };
    const behind = clientMessageRecord({ message: 'behind the poison' });

    await system.kafka.produce(system.topics.retry, [malformedRetry]);
    await system.kafka.produce(system.topics.messages, [...poison, behind]);

    await waitUntil(() => system.store.count({ messageId: behind.messageId, mailbox: 'inbox' }).then((n) => n === 1));
    const deadLetters = await system.kafka.readRecords(system.topics.deadLetter, 4);
    expect(deadLetters.map((record) => record.key?.toString()).sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(deadLetters.find((record) => record.key?.toString() === 'p4')?.value?.length).toBe(1_000_000);
    expect(deadLetters.find((record) => record.key?.toString() === 'p3')?.headers[DLT_EXCEPTION_CLASS_HEADER]).toBe(
      'MalformedRetryHeaderError',
    );
    expect(await system.kafka.recordCount(system.topics.retry)).toBe(1);
    expect(clientB.countLines('Moved to DLQ')).toBe(4);
    await waitUntil(() =>
      system.kafka.groupLag(system.groupId, [system.topics.messages, system.topics.retry]).then((lag) => lag === 0),
    );
  });
});
