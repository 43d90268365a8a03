import { parseDeliveryReceipt } from './delivery-receipt';

const VALID = { messageId: '3f6c2a8e-5b7d-4c1a-9e2f-0a1b2c3d4e5f', status: 'stored', at: '2026-01-01T10:00:00.000Z' };
const json = (fields: Record<string, unknown>) => JSON.stringify({ ...VALID, ...fields });

describe(parseDeliveryReceipt.name, () => {
  it.each([
    { name: 'null', value: null },
    { name: 'empty', value: '' },
    { name: 'not JSON', value: 'stored' },
    { name: 'JSON null', value: 'null' },
    { name: 'an array', value: '[]' },
    { name: 'missing messageId', value: json({ messageId: undefined }) },
    { name: 'an unknown status', value: json({ status: 'lost' }) },
    { name: 'a status object', value: json({ status: { $ne: 'x' } }) },
    { name: 'an unreadable time', value: json({ at: 'yesterday' }) },
    { name: 'a numeric reason', value: json({ reason: 42 }) },
    { name: 'a reason of 513 characters', value: json({ reason: 'r'.repeat(513) }) },
    { name: 'an upper-case messageId', value: json({ messageId: VALID.messageId.toUpperCase() }) },
    { name: 'a messageId that is no uuid', value: json({ messageId: 'x'.repeat(36) }) },
    { name: 'a time in month 13', value: json({ at: '2024-13-01T00:00:00Z' }) },
    { name: 'a time as a number', value: json({ at: 1_700_000_000_000 }) },
    { name: 'a value of 5 KB', value: json({ padding: 'p'.repeat(5000) }) },
  ])('should answer undefined when the value is $name', ({ value }) => {
    expect(parseDeliveryReceipt(value)).toBeUndefined();
  });

  it.each(['stored', 'ignored', 'dead-lettered'])('should return the receipt when its status is %s', (status) => {
    expect(parseDeliveryReceipt(Buffer.from(json({ status })))).toEqual({ ...VALID, status });
  });

  it('should keep the reason when a dead letter carries one', () => {
    // Arrange
    const value = json({ status: 'dead-lettered', reason: 'InjectedFaultError: boom' });

    // Act
    const receipt = parseDeliveryReceipt(value);

    // Assert
    expect(receipt).toEqual({ ...VALID, status: 'dead-lettered', reason: 'InjectedFaultError: boom' });
  });
});
