import { InboundRecord } from '../consumer/inbound-record';
import { DeadLetter, readDeadLetter } from './dead-letter';
import { failureHeaders, deadLetterHeaders } from './retry-headers';
import { replayRecord } from './replay-record';
import { readRetryState } from './retry-state';

const T1 = Date.UTC(2024, 0, 1, 10, 0, 0);
const T2 = T1 + 14_000;

function consumed(overrides: Partial<InboundRecord> = {}): InboundRecord {
  return {
    topic: 'client-messages',
    partition: 2,
    offset: '41',
    key: Buffer.from('clientB'),
    value: Buffer.from('{"messageId":"m-1"}'),
    headers: { 'message-id': 'm-1' },
    timestamp: String(T1 - 5),
    ...overrides,
  };
}

/** A dead letter as RetryPublisher writes it, at offset 9 of partition 1 of the dead-letter topic. */
function deadLetterRecord(retries: number, error = new TypeError('boom')): InboundRecord {
  const headers = deadLetterHeaders(failureHeaders(consumed(), error, 'group-b', T1), retries);
  return consumed({ topic: 'client-messages-dlt', partition: 1, offset: '9', headers, timestamp: String(T2) });
}

describe(readDeadLetter.name, () => {
  it('should read where it came from, why and how often it was tried when RetryPublisher wrote it', () => {
    // Act
    const deadLetter = readDeadLetter(deadLetterRecord(3));

    // Assert
    expect(deadLetter).toMatchObject<Partial<DeadLetter>>({
      address: 'client-messages-dlt:1:9',
      partition: 1,
      offset: '9',
      deadLetteredAt: T2,
      messageId: 'm-1',
      original: { topic: 'client-messages', partition: 2, offset: '41', timestamp: T1 - 5 },
      consumerGroup: 'group-b',
      errorClass: 'TypeError',
      errorMessage: 'boom',
      retries: 3,
      attempts: 4,
      firstFailureAt: '2024-01-01T10:00:00.000Z',
      valueOmittedBytes: null,
      replayedFrom: null,
    });
  });

  it.each<{ headers: Record<string, string>; retries: number; original: unknown }>([
    { headers: {}, retries: 0, original: null },
    {
      headers: { retry: 'x', 'kafka_dlt-original-topic': 't', 'kafka_dlt-original-offset': 'y' },
      retries: 0,
      original: { topic: 't', partition: null, offset: null, timestamp: null },
    },
  ])(
    'should list a record with missing or damaged headers as far as they go when they are $headers',
    ({ headers, retries, original }) => {
      // Act
      const deadLetter = readDeadLetter(consumed({ headers }));

      // Assert
      expect(deadLetter).toMatchObject({ retries, attempts: retries + 1, original, errorClass: null, messageId: null });
    },
  );
});

describe(`${readDeadLetter.name} (times)`, () => {
  it.each([
    { name: 'the largest 64-bit timestamp', timestamp: '9223372036854775807' },
    { name: 'a timestamp past year 275760', timestamp: '8640000000000001' },
    { name: 'a negative 64-bit timestamp', timestamp: '-9223372036854775808' },
    { name: 'no number', timestamp: 'NaN' },
  ])('should read no dead-letter time when the record has $name', ({ timestamp }) => {
    const record = deadLetterRecord(0);
    const headers = {
      ...record.headers,
      'kafka_dlt-original-timestamp': timestamp,
      'retry-first-failure-at': '2024-13-01T00:00:00Z',
    };

    const deadLetter = readDeadLetter({ ...record, headers, timestamp });

    expect(deadLetter.deadLetteredAt).toBeNull();
    expect(deadLetter.original?.timestamp).toBeNull();
    expect(deadLetter.firstFailureAt).toBeNull();
  });

  it.each([
    { timestamp: '0', ms: 0 },
    { timestamp: '-1', ms: -1 },
    { timestamp: '8640000000000000', ms: 8.64e15 },
  ])('should read $ms when the timestamp is $timestamp', ({ timestamp, ms }) => {
    expect(readDeadLetter({ ...deadLetterRecord(0), timestamp }).deadLetteredAt).toBe(ms);
  });
});

describe(replayRecord.name, () => {
  it('should keep key, value, message id and origin, drop the last error and the retry count, and name the dead letter', () => {
    // Arrange
    const deadLetter = readDeadLetter(deadLetterRecord(3));

    // Act
    const replay = replayRecord(deadLetter, T2 + 1000);

    // Assert
    expect(replay.key).toEqual(Buffer.from('clientB'));
    expect(replay.value).toEqual(deadLetter.record.value);
    expect(replay.timestamp).toBe(String(T2 + 1000));
    expect(replay.headers).toEqual({
      'message-id': 'm-1',
      'kafka_dlt-original-topic': 'client-messages',
      'kafka_dlt-original-partition': '2',
      'kafka_dlt-original-offset': '41',
      'kafka_dlt-original-timestamp': String(T1 - 5),
      'kafka_dlt-original-consumer-group': 'group-b',
      'retry-first-failure-at': '2024-01-01T10:00:00.000Z',
      'retry-due-at': String(T2 + 1000),
      'replayed-from': 'client-messages-dlt:1:9',
    });
  });

  it('should be due at once with every retry left when the retry topic reads it back', () => {
    // Arrange
    const replay = replayRecord(readDeadLetter(deadLetterRecord(3)), T2);

    // Act
    const state = readRetryState(replay.headers, 3, T2 + 60_000);

    // Assert
    expect(state).toEqual({ valid: true, dueAt: T2, retriesSoFar: 0 });
  });

  it('should keep the first origin and name the latest dead letter when a replayed message fails again', () => {
    // Arrange
    const replay = replayRecord(readDeadLetter(deadLetterRecord(3)), T2);
    const onRetryTopic = consumed({
      topic: 'client-messages-retry',
      partition: 0,
      offset: '77',
      headers: replay.headers,
    });

    // Act
    const again = failureHeaders(onRetryTopic, new RangeError('still broken'), 'group-b', T2 + 5);

    // Assert
    expect(again).toMatchObject({
      'kafka_dlt-original-topic': 'client-messages',
      'kafka_dlt-original-offset': '41',
      'retry-first-failure-at': '2024-01-01T10:00:00.000Z',
      'kafka_dlt-exception-fqcn': 'RangeError',
      'replayed-from': 'client-messages-dlt:1:9',
    });
  });
});
