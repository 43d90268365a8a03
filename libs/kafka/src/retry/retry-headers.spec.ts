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
  RETRY_DUE_AT_HEADER,
  RETRY_HEADER,
} from '@app/contracts';
import { InboundRecord } from '../consumer/inbound-record';
import { MalformedRetryHeaderError } from '../errors/kafka.errors';
import {
  deadLetterHeaders,
  failureHeaders,
  readDueAt,
  readRetryCount,
  retryHeaders,
  withRetryHeadersOnlyOn,
} from './retry-headers';

const T1 = Date.UTC(2024, 0, 1, 10, 0, 0);
const T2 = T1 + 4000;

function inboundRecord(overrides: Partial<InboundRecord> = {}): InboundRecord {
  return {
    topic: 'client-messages',
    partition: 2,
    offset: '41',
    key: null,
    value: Buffer.from('{}'),
    headers: { [MESSAGE_ID_HEADER]: 'm-1' },
    timestamp: '1704103200000',
    ...overrides,
  };
}

type HeaderCase = { headers: Record<string, string>; expected: number };

describe(readRetryCount.name, () => {
  it.each<HeaderCase>([
    { headers: {}, expected: 0 },
    { headers: { [RETRY_HEADER]: '1' }, expected: 1 },
    { headers: { [RETRY_HEADER]: '2' }, expected: 2 },
    { headers: { [RETRY_HEADER]: '3' }, expected: 3 },
  ])('should read $expected when the headers are $headers', ({ headers, expected }) => {
    expect(readRetryCount(headers, 3)).toBe(expected);
  });

  it.each(['0', '4', '-1', 'abc', '1.5', ''])('should throw when the retry header is "%s"', (raw) => {
    expect(() => readRetryCount({ [RETRY_HEADER]: raw }, 3)).toThrow(MalformedRetryHeaderError);
  });
});

describe(readDueAt.name, () => {
  it.each<HeaderCase>([
    { headers: {}, expected: 0 },
    { headers: { [RETRY_DUE_AT_HEADER]: '0' }, expected: 0 },
    { headers: { [RETRY_DUE_AT_HEADER]: '1704103204000' }, expected: 1704103204000 },
  ])('should read $expected when the headers are $headers', ({ headers, expected }) => {
    expect(readDueAt(headers)).toBe(expected);
  });

  it.each(['', 'soon', '-5', '1.5', '2024-01-01T10:00:00Z', '1234567890123456'])(
    'should throw when the due-at header is "%s"',
    (raw) => {
      expect(() => readDueAt({ [RETRY_DUE_AT_HEADER]: raw })).toThrow(MalformedRetryHeaderError);
    },
  );
});

describe(failureHeaders.name, () => {
  it('should record where the message entered when it fails for the first time', () => {
    // Arrange
    const record = inboundRecord();

    // Act
    const headers = failureHeaders(record, new TypeError('boom'), 'group-b', T1);

    // Assert
    expect(headers).toEqual({
      [MESSAGE_ID_HEADER]: 'm-1',
      [DLT_ORIGINAL_TOPIC_HEADER]: 'client-messages',
      [DLT_ORIGINAL_PARTITION_HEADER]: '2',
      [DLT_ORIGINAL_OFFSET_HEADER]: '41',
      [DLT_ORIGINAL_TIMESTAMP_HEADER]: '1704103200000',
      [DLT_ORIGINAL_CONSUMER_GROUP_HEADER]: 'group-b',
      [DLT_EXCEPTION_CLASS_HEADER]: 'TypeError',
      [DLT_EXCEPTION_MESSAGE_HEADER]: 'boom',
      [FIRST_FAILURE_AT_HEADER]: '2024-01-01T10:00:00.000Z',
      [LAST_FAILURE_AT_HEADER]: '2024-01-01T10:00:00.000Z',
    });
  });

  it('should keep the original and first-failure values when the record already failed once', () => {
    // Arrange
    const firstHop = failureHeaders(inboundRecord(), new TypeError('boom'), 'group-b', T1);
    const retryRecord = inboundRecord({ topic: 'client-messages-retry', partition: 0, offset: '7', headers: firstHop });

    // Act
    const headers = failureHeaders(retryRecord, new RangeError('again'), 'group-b', T2);

    // Assert
    expect(headers).toMatchObject({
      [DLT_ORIGINAL_TOPIC_HEADER]: 'client-messages',
      [DLT_ORIGINAL_PARTITION_HEADER]: '2',
      [DLT_ORIGINAL_OFFSET_HEADER]: '41',
      [FIRST_FAILURE_AT_HEADER]: '2024-01-01T10:00:00.000Z',
      [LAST_FAILURE_AT_HEADER]: '2024-01-01T10:00:04.000Z',
      [DLT_EXCEPTION_CLASS_HEADER]: 'RangeError',
      [DLT_EXCEPTION_MESSAGE_HEADER]: 'again',
    });
  });

  it.each([
    { length: 512, kept: 512, truncated: false },
    { length: 513, kept: 512, truncated: true },
    { length: 5000, kept: 512, truncated: true },
  ])('should keep $kept chars when the exception message has $length', ({ length, kept, truncated }) => {
    // Arrange
    const error = new Error('x'.repeat(length));

    // Act
    const message = failureHeaders(inboundRecord(), error, 'group-b', T1)[DLT_EXCEPTION_MESSAGE_HEADER];

    // Assert
    expect(message).toHaveLength(kept);
    expect(message.endsWith('…')).toBe(truncated);
  });
});

describe(retryHeaders.name, () => {
  it('should overwrite the retry and due-at values when the record already carries them', () => {
    // Arrange
    const base = { [MESSAGE_ID_HEADER]: 'm-1', [RETRY_HEADER]: '1', [RETRY_DUE_AT_HEADER]: '100' };

    // Act
    const headers = retryHeaders(base, 2, 5000);

    // Assert
    expect(headers).toEqual({ [MESSAGE_ID_HEADER]: 'm-1', [RETRY_HEADER]: '2', [RETRY_DUE_AT_HEADER]: '5000' });
  });
});

describe(deadLetterHeaders.name, () => {
  it('should drop the due time and set the retry count when the record goes to the dead-letter topic', () => {
    // Arrange
    const base = { [MESSAGE_ID_HEADER]: 'm-1', [RETRY_HEADER]: '2', [RETRY_DUE_AT_HEADER]: '100' };

    // Act
    const headers = deadLetterHeaders(base, 3);

    // Assert
    expect(headers).toEqual({ [MESSAGE_ID_HEADER]: 'm-1', [RETRY_HEADER]: '3' });
  });
});

describe(withRetryHeadersOnlyOn.name, () => {
  const forged = { [MESSAGE_ID_HEADER]: 'm-1', [RETRY_HEADER]: '3', [RETRY_DUE_AT_HEADER]: String(T1 + 3_600_000) };

  it.each<{ topic: string; headers: Record<string, string>; expected: Record<string, string> }>([
    { topic: 'client-messages', headers: forged, expected: { [MESSAGE_ID_HEADER]: 'm-1' } },
    { topic: 'client-messages', headers: { [RETRY_HEADER]: '1' }, expected: {} },
    { topic: 'client-messages', headers: { [RETRY_DUE_AT_HEADER]: 'x' }, expected: {} },
    { topic: 'client-messages', headers: { [MESSAGE_ID_HEADER]: 'm-1' }, expected: { [MESSAGE_ID_HEADER]: 'm-1' } },
    { topic: 'client-messages-retry', headers: forged, expected: forged },
  ])('should leave $expected when a record of $topic carries $headers', ({ topic, headers, expected }) => {
    const record = withRetryHeadersOnlyOn('client-messages-retry', inboundRecord({ topic, headers }));

    expect(record.headers).toEqual(expected);
  });
});
