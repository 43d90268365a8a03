import {
  DLT_EXCEPTION_CLASS_HEADER,
  DLT_EXCEPTION_MESSAGE_HEADER,
  DLT_ORIGINAL_CONSUMER_GROUP_HEADER,
  DLT_ORIGINAL_OFFSET_HEADER,
  DLT_ORIGINAL_PARTITION_HEADER,
  DLT_ORIGINAL_TIMESTAMP_HEADER,
  DLT_ORIGINAL_TOPIC_HEADER,
  FIRST_FAILURE_AT_HEADER,
  LAST_FAILURE_AT_HEADER,
  MESSAGE_ID_HEADER,
  RETRY_HEADER,
} from '@app/contracts';
import { waitUntil } from '@app/kafka/testing';
import { readWithKcat } from './support/kcat';
import { MessagingSystem, sendMessage } from './support/messaging-system';
import { ServiceProcess } from './support/service.process';
import { testEnvironment } from './support/test-environment';

jest.setTimeout(120_000);

const ALWAYS_FAILS = 'force-failure';

describe('a message that always fails: three delayed retries, then the dead-letter topic', () => {
  const system = new MessagingSystem({ FAULT_INJECTION_MATCH: ALWAYS_FAILS });
  let clientAUrl: string;
  let clientB: ServiceProcess;
  let failingId: string;
  let freshId: string;

  beforeAll(async () => {
    await system.open();
    ({ url: clientAUrl } = await system.start('client-a'));
    ({ service: clientB } = await system.start('client-b'));
    const failing = await sendMessage(clientAUrl, {
      from: 'clientA',
      to: 'clientB',
      message: `please ${ALWAYS_FAILS}`,
    });
    failingId = failing.body.messageId as string;
  });

  afterAll(() => system.close());

  it('should store a fresh message while the failed one waits for its retry', async () => {
    await clientB.waitForLog(`Retry scheduled #1 for message ${failingId}`);

    const fresh = await sendMessage(clientAUrl, { from: 'clientA', to: 'clientB', message: 'fresh' });
    freshId = fresh.body.messageId as string;

    await clientB.waitForLog(`Message saved ${freshId}`);
    // The fresh message did not wait behind the retry: the second retry is not even scheduled yet.
    expect(clientB.countLines(`Retry scheduled #2 for message ${failingId}`)).toBe(0);
  });

  it('should retry three times, each no sooner than 2 s, 4 s and 8 s after the failure before it', async () => {
    await clientB.waitForLog(`Moved to DLQ message ${failingId}`, 60_000);

    const retries = (await system.kafka.readRecords(system.topics.retry, 3)).filter(
      (record) => record.headers[MESSAGE_ID_HEADER] === failingId,
    );
    const [deadLetter] = await system.kafka.readRecords(system.topics.deadLetter, 1);
    expect(retries.map((record) => record.headers[RETRY_HEADER])).toEqual(['1', '2', '3']);
    const failureTimes = [...retries, deadLetter].map((record) => Number(record.timestamp));
    const gaps = failureTimes.slice(1).map((time, index) => time - failureTimes[index]);
    expect(gaps[0]).toBeGreaterThanOrEqual(2000);
    expect(gaps[1]).toBeGreaterThanOrEqual(4000);
    expect(gaps[2]).toBeGreaterThanOrEqual(8000);
    console.log(`retry gaps (ms) after each failure: ${gaps.join(', ')} (wanted ≥ 2000, 4000, 8000)`);
    for (const attempt of [1, 2, 3]) {
      expect(clientB.countLines(`Retry scheduled #${attempt} for message ${failingId}`)).toBe(1);
    }
  });

  it('should leave one dead letter with readable diagnostic headers when read with kcat', async () => {
    const deadLetters = await waitUntil(() => {
      const records = readWithKcat(testEnvironment().kafkaBrokers, system.topics.deadLetter);
      return records.length > 0 && records;
    });

    expect(deadLetters).toHaveLength(1);
    const [{ headers, key, value }] = deadLetters;
    expect(key).toBe('clientB');
    expect(JSON.parse(value)).toMatchObject({ messageId: failingId, message: `please ${ALWAYS_FAILS}` });
    expect(headers).toMatchObject({
      [MESSAGE_ID_HEADER]: failingId,
      [RETRY_HEADER]: '3',
      [DLT_ORIGINAL_TOPIC_HEADER]: system.topics.messages,
      [DLT_ORIGINAL_PARTITION_HEADER]: '0',
      [DLT_ORIGINAL_CONSUMER_GROUP_HEADER]: system.groupId,
      [DLT_EXCEPTION_CLASS_HEADER]: 'InjectedFaultError',
    });
    expect(headers[DLT_ORIGINAL_OFFSET_HEADER]).toMatch(/^\d+$/);
    expect(headers[DLT_ORIGINAL_TIMESTAMP_HEADER]).toMatch(/^\d+$/);
    expect(headers[DLT_EXCEPTION_MESSAGE_HEADER]).toContain(ALWAYS_FAILS);
    expect(
      Date.parse(headers[LAST_FAILURE_AT_HEADER]) - Date.parse(headers[FIRST_FAILURE_AT_HEADER]),
    ).toBeGreaterThanOrEqual(14_000);
    expect(await system.store.count({ messageId: failingId, mailbox: 'inbox' })).toBe(0);
  });

  it('should commit everything once the message is dead-lettered', async () => {
    await waitUntil(() =>
      system.kafka.groupLag(system.groupId, [system.topics.messages, system.topics.retry]).then((lag) => lag === 0),
    );
    expect(await system.store.count({ messageId: freshId, mailbox: 'inbox' })).toBe(1);
  });
});
