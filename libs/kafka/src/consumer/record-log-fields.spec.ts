import { CORRELATION_ID_HEADER, MESSAGE_ID_HEADER } from '@app/contracts';
import { InboundRecord } from './inbound-record';
import { recordLogFields } from './record-log-fields';

const record = (headers: Record<string, string>): InboundRecord => ({
  topic: 'client-messages',
  partition: 3,
  offset: '42',
  key: null,
  value: null,
  headers,
  timestamp: '0',
});

describe(recordLogFields.name, () => {
  it('should give the coordinates, the messageId and the correlation id when the record has both headers', () => {
    const fields = recordLogFields(record({ [MESSAGE_ID_HEADER]: 'm-1', [CORRELATION_ID_HEADER]: 'c-1', retry: '2' }));

    expect(fields).toEqual({
      topic: 'client-messages',
      partition: 3,
      offset: '42',
      messageId: 'm-1',
      correlationId: 'c-1',
    });
  });

  it('should leave out the ids when the record has no such headers', () => {
    expect(recordLogFields(record({}))).toEqual({ topic: 'client-messages', partition: 3, offset: '42' });
  });
});
