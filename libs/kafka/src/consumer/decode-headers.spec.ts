import { CORRELATION_ID_HEADER, HEADERS_OMITTED_HEADER, MESSAGE_ID_HEADER } from '@app/contracts';
import fc from 'fast-check';
import { IHeaders } from 'kafkajs';
import { boundedText, decodeHeaders, HEADER_LIMITS } from './decode-headers';

const { knownValueBytes, otherValueBytes, nameBytes, otherHeaders } = HEADER_LIMITS;
const bytesOf = (text: string) => Buffer.byteLength(text);

describe(decodeHeaders.name, () => {
  it.each([
    {
      name: 'a message-id of 36 bytes',
      headers: { [MESSAGE_ID_HEADER]: Buffer.from('m'.repeat(36)) },
      header: MESSAGE_ID_HEADER,
      kept: 'm'.repeat(36),
    },
    {
      name: 'a known header at its limit',
      headers: { [CORRELATION_ID_HEADER]: Buffer.from('c'.repeat(knownValueBytes)) },
      header: CORRELATION_ID_HEADER,
      kept: 'c'.repeat(knownValueBytes),
    },
    {
      name: 'an unknown header at its limit',
      headers: { trace: Buffer.from('t'.repeat(otherValueBytes)) },
      header: 'trace',
      kept: 't'.repeat(otherValueBytes),
    },
    {
      name: 'a repeated header',
      headers: { trace: [Buffer.from('first'), Buffer.from('last')] },
      header: 'trace',
      kept: 'last',
    },
    { name: 'a string value', headers: { trace: 'text' }, header: 'trace', kept: 'text' },
  ])('should keep the value whole when it is $name', ({ headers, header, kept }) => {
    expect(decodeHeaders(headers as IHeaders)[header]).toBe(kept);
  });

  it.each([
    { name: 'a 400 KB message-id', header: MESSAGE_ID_HEADER, bytes: 400 * 1024, limit: knownValueBytes },
    { name: 'a 1 MB correlation-id', header: CORRELATION_ID_HEADER, bytes: 1024 * 1024, limit: knownValueBytes },
    { name: 'a 16 KB unknown header', header: 'x-hostile', bytes: 16 * 1024, limit: otherValueBytes },
    {
      name: 'an unknown header one byte over',
      header: 'x-hostile',
      bytes: otherValueBytes + 1,
      limit: otherValueBytes,
    },
  ])('should cut the value to its limit and note its size when it is $name', ({ header, bytes, limit }) => {
    // Arrange
    const headers = { [header]: Buffer.alloc(bytes, 'a') };

    // Act
    const value = decodeHeaders(headers)[header];

    // Assert
    expect(bytesOf(value)).toBeLessThanOrEqual(limit);
    expect(value.endsWith(`…[${bytes} bytes]`)).toBe(true);
    expect(value.startsWith('aaaa')).toBe(true);
  });

  it('should drop headers past the count limit and count them when a record has too many', () => {
    // Arrange
    const headers: IHeaders = { [MESSAGE_ID_HEADER]: Buffer.from('m') };
    for (let index = 0; index < otherHeaders + 10; index += 1) headers[`h${index}`] = Buffer.from('v');

    // Act
    const decoded = decodeHeaders(headers);

    // Assert
    expect(Object.keys(decoded)).toHaveLength(otherHeaders + 2);
    expect(decoded[MESSAGE_ID_HEADER]).toBe('m');
    expect(decoded[HEADERS_OMITTED_HEADER]).toBe('10');
  });

  it('should drop a header and count it when its name is too long', () => {
    const decoded = decodeHeaders({
      ['n'.repeat(nameBytes + 1)]: Buffer.from('v'),
      [HEADERS_OMITTED_HEADER]: Buffer.from('2'),
    });

    expect(decoded).toEqual({ [HEADERS_OMITTED_HEADER]: '3' });
  });

  it('should keep names, values and the count of headers bounded when given any headers', () => {
    const value = fc.oneof(
      fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes)),
      fc.string({ unit: 'binary', maxLength: 1500 }),
    );
    const name = fc.oneof(
      fc.constantFrom(MESSAGE_ID_HEADER, CORRELATION_ID_HEADER, 'retry', 'trace'),
      fc.string({ maxLength: 300 }),
    );
    fc.assert(
      fc.property(fc.dictionary(name, fc.oneof(value, fc.array(value, { maxLength: 3 }))), (headers) => {
        const decoded = decodeHeaders(headers);
        const others = Object.keys(decoded).filter(
          (key) =>
            key !== HEADERS_OMITTED_HEADER &&
            key !== MESSAGE_ID_HEADER &&
            key !== CORRELATION_ID_HEADER &&
            key !== 'retry',
        );
        expect(others.length).toBeLessThanOrEqual(otherHeaders);
        for (const [key, text] of Object.entries(decoded)) {
          // Invalid UTF-8 decodes to U+FFFD (3 bytes for 1): bounded, if not by the limit alone.
          expect(bytesOf(text)).toBeLessThanOrEqual(3 * knownValueBytes);
          expect(bytesOf(key)).toBeLessThanOrEqual(nameBytes);
        }
      }),
    );
  });
});

describe(boundedText.name, () => {
  it('should leave a cut value as it is when it is cut again', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 2000 }),
        fc.integer({ min: 32, max: 1024 }),
        (text, limit) => {
          const once = boundedText(Buffer.from(text), limit);
          expect(bytesOf(once)).toBeLessThanOrEqual(limit);
          expect(boundedText(Buffer.from(once), limit)).toBe(once);
          if (bytesOf(text) <= limit) expect(once).toBe(text);
        },
      ),
    );
  });

  it('should never end in a broken character when the cut falls inside one', () => {
    const text = boundedText(Buffer.from('é'.repeat(1000)), 101);

    expect(text).toMatch(/^é+…\[2000 bytes\]$/);
  });
});
