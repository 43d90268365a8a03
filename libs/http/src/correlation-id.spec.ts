import { correlationIdOf } from './correlation-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe(correlationIdOf.name, () => {
  it.each(['trace-123', 'a', '0af7651916cd43dd8448eb211c80319c', 'x'.repeat(128)])(
    'should keep the caller id when it is "%s"',
    (header) => {
      expect(correlationIdOf(header)).toBe(header);
    },
  );

  it.each([
    { label: 'absent', header: undefined },
    { label: 'empty', header: '' },
    { label: 'longer than 128 characters', header: 'x'.repeat(129) },
    { label: 'with a space', header: 'a b' },
    { label: 'with a line break', header: 'a\nb' },
    { label: 'not ASCII', header: 'é' },
    { label: 'repeated', header: ['a', 'b'] },
  ])('should make a new UUID when the header is $label', ({ header }) => {
    expect(correlationIdOf(header)).toMatch(UUID);
  });
});
