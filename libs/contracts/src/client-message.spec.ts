import { InvalidClientMessageError, parseClientMessage } from './client-message';

const VALID = {
  messageId: '3f6c2a8e-5b7d-4c1a-9e2f-0a1b2c3d4e5f',
  from: 'clientA',
  to: 'clientB',
  message: 'hello',
  acceptedAt: '2024-01-01T10:00:00.000Z',
};

function json(overrides: Record<string, unknown>): string {
  return JSON.stringify({ ...VALID, ...overrides });
}

function without(field: keyof typeof VALID): string {
  const { [field]: _removed, ...rest } = VALID;
  return JSON.stringify(rest);
}

describe(parseClientMessage.name, () => {
  it.each([
    { name: 'null', value: null },
    { name: 'an empty string', value: '' },
    { name: 'an empty buffer', value: Buffer.alloc(0) },
    { name: 'not JSON', value: 'not json' },
    { name: 'a JSON array', value: '[]' },
    { name: 'a JSON number', value: '42' },
    { name: 'JSON null', value: 'null' },
    { name: 'an empty object', value: '{}' },
    { name: 'missing messageId', value: without('messageId') },
    { name: 'missing from', value: without('from') },
    { name: 'missing to', value: without('to') },
    { name: 'missing message', value: without('message') },
    { name: 'missing acceptedAt', value: without('acceptedAt') },
    { name: 'a messageId that is no uuid', value: json({ messageId: 'not-a-uuid' }) },
    { name: 'a "to" with a space', value: json({ to: 'client B' }) },
    { name: 'a 65-char "from"', value: json({ from: 'a'.repeat(65) }) },
    { name: 'a 65-char "to"', value: json({ to: 'b'.repeat(65) }) },
    { name: 'an empty message', value: json({ message: '' }) },
    { name: 'a numeric message', value: json({ message: 42 }) },
    { name: 'an acceptedAt that is no date', value: json({ acceptedAt: 'yesterday' }) },
    { name: 'a query operator as "to"', value: json({ to: { $gt: '' } }) },
    { name: 'a query operator as messageId', value: json({ messageId: { $gt: '' } }) },
    { name: 'an upper-case messageId', value: json({ messageId: '3F6C2A8E-5B7D-4C1A-9E2F-0A1B2C3D4E5F' }) },
    { name: 'an acceptedAt in month 13', value: json({ acceptedAt: '2024-13-01T00:00:00Z' }) },
    { name: 'an acceptedAt of February 30th', value: json({ acceptedAt: '2024-02-30T00:00:00Z' }) },
    { name: "an acceptedAt at 25 o'clock", value: json({ acceptedAt: '2024-01-01T25:00:00Z' }) },
    { name: 'a message with a NUL', value: json({ message: 'a\u0000b' }) },
    { name: 'a message with a lone surrogate', value: json({ message: 'a\ud800b' }) },
    {
      name: 'invalid UTF-8',
      value: Buffer.concat([Buffer.from(json({}).slice(0, -2)), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    },
  ])('should throw InvalidClientMessageError when the value is $name', ({ value }) => {
    expect(() => parseClientMessage(value)).toThrow(InvalidClientMessageError);
  });

  // Known bug: IsISO8601 (not strict) lets these through, and the inbox then stores new Date(acceptedAt).
  it.each([
    { acceptedAt: '2024-W01-1', reads: 'Invalid Date' },
    { acceptedAt: '20240101T100000Z', reads: 'Invalid Date' },
    { acceptedAt: '2024-02-30', reads: '2024-03-01' },
  ])('should throw when acceptedAt "$acceptedAt" is ISO 8601 that Date reads as $reads', ({ acceptedAt }) => {
    expect(() => parseClientMessage(json({ acceptedAt }))).toThrow(InvalidClientMessageError);
  });

  it('should return the validated payload when the value is a valid message', () => {
    // Arrange
    const value = Buffer.from(JSON.stringify(VALID));

    // Act
    const payload = parseClientMessage(value);

    // Assert
    expect({ ...payload }).toEqual(VALID);
  });

  it('should accept a 64-char address when it is at the length limit', () => {
    // Arrange
    const value = json({ from: 'a'.repeat(64) });

    // Act
    const payload = parseClientMessage(value);

    // Assert
    expect(payload.from).toBe('a'.repeat(64));
  });

  it('should name the broken field when validation fails', () => {
    // Arrange
    const value = json({ messageId: 'not-a-uuid' });

    // Act
    const act = () => parseClientMessage(value);

    // Assert
    expect(act).toThrow(/messageId/);
  });
});
