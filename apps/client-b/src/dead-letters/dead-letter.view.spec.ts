import { InboundRecord, readDeadLetter } from '@app/kafka';
import { DeadLetterFilter, matchesFilter } from './dead-letter.reader';
import { SHOWN_VALUE_MAX_BYTES, toDeadLetterView } from './dead-letter.view';

const AT = Date.UTC(2024, 0, 1, 10, 0, 0);

function deadLetter(value: Buffer | null, errorClass = 'InjectedFaultError') {
  const record: InboundRecord = {
    topic: 'client-messages-dlt',
    partition: 1,
    offset: '9',
    key: Buffer.from('clientB'),
    value,
    headers: { 'kafka_dlt-exception-fqcn': errorClass, retry: '3' },
    timestamp: String(AT),
  };
  return readDeadLetter(record);
}

describe(toDeadLetterView.name, () => {
  it.each([
    { label: 'JSON', value: Buffer.from('{"a":1}'), payload: { a: 1 }, truncated: false },
    { label: 'text', value: Buffer.from('not json'), payload: 'not json', truncated: false },
    { label: 'absent', value: null, payload: null, truncated: false },
    {
      label: 'too long to show',
      value: Buffer.from(`"${'x'.repeat(SHOWN_VALUE_MAX_BYTES)}"`),
      payload: `"${'x'.repeat(SHOWN_VALUE_MAX_BYTES - 1)}`,
      truncated: true,
    },
  ])('should show the payload as $label when the value is $label', ({ value, payload, truncated }) => {
    // Act
    const view = toDeadLetterView(deadLetter(value));

    // Assert
    expect(view.payload).toEqual(payload);
    expect(view.payloadTruncated).toBe(truncated);
    expect(view).toMatchObject({
      position: '1:9',
      key: 'clientB',
      retries: 3,
      attempts: 4,
      deadLetteredAt: '2024-01-01T10:00:00.000Z',
    });
  });
});

describe(matchesFilter.name, () => {
  it.each<{ filter: DeadLetterFilter; matches: boolean }>([
    { filter: {}, matches: true },
    { filter: { errorClass: 'InjectedFaultError' }, matches: true },
    { filter: { errorClass: 'StorageFailedError' }, matches: false },
    { filter: { since: new Date(AT) }, matches: true },
    { filter: { since: new Date(AT + 1) }, matches: false },
    { filter: { until: new Date(AT) }, matches: false },
    { filter: { until: new Date(AT + 1), since: new Date(AT - 1), errorClass: 'InjectedFaultError' }, matches: true },
  ])('should answer $matches when the filter is $filter', ({ filter, matches }) => {
    expect(matchesFilter(deadLetter(null), filter)).toBe(matches);
  });
});
