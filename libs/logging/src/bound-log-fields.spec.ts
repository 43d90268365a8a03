import fc from 'fast-check';
import {
  boundLogObject,
  cutLongText,
  LOG_FIELD_MAX_CHARS,
  LOG_OBJECT_MAX_BYTES,
  LOG_TEXT_MAX_CHARS,
} from './bound-log-fields';

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe(cutLongText.name, () => {
  it('should keep a text whole when it is within the budget', () => {
    expect(cutLongText('a'.repeat(LOG_FIELD_MAX_CHARS))).toBe('a'.repeat(LOG_FIELD_MAX_CHARS));
  });

  it('should cut a text and note its length when it is longer than the budget', () => {
    expect(cutLongText('a'.repeat(16_384))).toBe(`${'a'.repeat(LOG_FIELD_MAX_CHARS)}…[cut, 16384 chars]`);
  });

  it('should not split a surrogate pair when the cut falls inside one', () => {
    const cut = cutLongText(`${'a'.repeat(LOG_FIELD_MAX_CHARS - 1)}😀${'b'.repeat(10)}`);

    expect(cut).toBe(`${'a'.repeat(LOG_FIELD_MAX_CHARS - 1)}…[cut, ${LOG_FIELD_MAX_CHARS + 11} chars]`);
  });
});

describe(boundLogObject.name, () => {
  it('should cut every long string, however deep, and keep short fields as they are', () => {
    const long = 'x'.repeat(200_000);

    const bounded = boundLogObject({ a: long, nested: { list: [long, 1, true, null] }, msg: long, short: 'ok', n: 5 });

    expect(bounded).toEqual({
      a: cutLongText(long),
      nested: { list: [cutLongText(long), 1, true, null] },
      msg: cutLongText(long, LOG_TEXT_MAX_CHARS),
      short: 'ok',
      n: 5,
    });
  });

  it('should leave out and count the fields past the byte budget when an object has many', () => {
    const headers = Object.fromEntries(Array.from({ length: 2000 }, (_, index) => [`x-h-${index}`, 'v'.repeat(100)]));

    const bounded = boundLogObject({ headers });

    expect(jsonBytes(bounded)).toBeLessThanOrEqual(LOG_OBJECT_MAX_BYTES);
    expect(Object.values(bounded.headers).at(-1)).toMatch(/^\[cut, \d+ more fields\]$/);
  });

  it('should keep skipped keys as they are and write what JSON would of dates, cycles and depth', () => {
    const cyclic: Record<string, unknown> = { name: 'c' };
    cyclic.self = cyclic;
    const raw = { huge: 'y'.repeat(5000) };

    const bounded = boundLogObject(
      { req: raw, at: new Date(0), cyclic, deep: { a: { b: { c: { d: { e: { f: {} } } } } } } },
      new Set(['req']),
    );

    expect(bounded.req).toBe(raw);
    expect(bounded).toMatchObject({ at: '1970-01-01T00:00:00.000Z', cyclic: { name: 'c', self: '[Circular]' } });
    expect(JSON.stringify(bounded.deep)).toBe('{"a":{"b":{"c":{"d":{"e":{"f":"[Object]"}}}}}}');
  });

  it('should stay within the byte budget whatever the object holds', () => {
    fc.assert(
      fc.property(
        fc.object({ maxDepth: 4, maxKeys: 40, values: [fc.string({ unit: 'binary', maxLength: 3000 }), fc.integer()] }),
        (object) => {
          expect(jsonBytes(boundLogObject(object))).toBeLessThanOrEqual(LOG_OBJECT_MAX_BYTES);
        },
      ),
      { numRuns: 300 },
    );
  });
});
