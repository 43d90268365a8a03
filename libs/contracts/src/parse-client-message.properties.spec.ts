import fc from 'fast-check';
import { ClientMessagePayload, parseClientMessage, InvalidClientMessageError } from './client-message';
import { isCanonicalUuid, isRealInstant } from './strict-values';

const address = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
// Plain text: no controls but tab, newline and carriage return, surrogates only in pairs.
const text = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 200 })
  // eslint-disable-next-line no-control-regex -- control characters are what this pattern excludes
  .filter((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(value));
const instant = fc
  .date({ min: new Date(0), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true })
  .map((date) => date.toISOString());
const payload: fc.Arbitrary<ClientMessagePayload> = fc.record({
  messageId: fc.uuid(),
  from: address,
  to: address,
  message: text,
  acceptedAt: instant,
});

describe(`${parseClientMessage.name} (properties)`, () => {
  it('should return every valid payload unchanged when it is sent as JSON', () => {
    fc.assert(
      fc.property(payload, (sent) => {
        expect({ ...parseClientMessage(Buffer.from(JSON.stringify(sent))) }).toEqual(sent);
      }),
    );
  });

  it('should either return a strictly valid payload or throw InvalidClientMessageError when given any bytes', () => {
    const anyValue = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      fc.json().map((json) => Buffer.from(json)),
      fc.jsonValue().map((json) => JSON.stringify(json) ?? ''),
      payload
        .chain((sent) => fc.record({ ...fieldsOf(sent), extra: fc.jsonValue() }, { requiredKeys: [] }))
        .map((json) => JSON.stringify(json)),
    );
    fc.assert(
      fc.property(anyValue, (value) => {
        try {
          const parsed = parseClientMessage(value);
          expect(isCanonicalUuid(parsed.messageId)).toBe(true);
          expect(isRealInstant(parsed.acceptedAt)).toBe(true);
          expect(Number.isNaN(new Date(parsed.acceptedAt).getTime())).toBe(false);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidClientMessageError);
        }
      }),
    );
  });

  it('should refuse a payload when its messageId has an upper-case letter', () => {
    const upperCased = payload
      .filter((sent) => /[a-f]/.test(sent.messageId))
      .map((sent) => ({ ...sent, messageId: sent.messageId.toUpperCase() }));
    fc.assert(
      fc.property(upperCased, (sent) => {
        expect(() => parseClientMessage(JSON.stringify(sent))).toThrow(InvalidClientMessageError);
      }),
    );
  });

  it('should refuse a payload when its acceptedAt names a month, day or hour that does not exist', () => {
    const impossible = fc
      .tuple(
        payload,
        fc.constantFrom('-13-', '-00-'),
        fc.integer({ min: 32, max: 99 }),
        fc.integer({ min: 24, max: 99 }),
      )
      .chain(([sent, month, day, hour]) =>
        fc.constantFrom(
          { ...sent, acceptedAt: sent.acceptedAt.replace(/-\d{2}-/, month) },
          { ...sent, acceptedAt: sent.acceptedAt.replace(/-(\d{2})T/, `-${day}T`) },
          { ...sent, acceptedAt: sent.acceptedAt.replace(/T\d{2}/, `T${hour}`) },
        ),
      );
    fc.assert(
      fc.property(impossible, (sent) => {
        expect(() => parseClientMessage(JSON.stringify(sent))).toThrow(InvalidClientMessageError);
      }),
    );
  });
});

function fieldsOf(sent: ClientMessagePayload): Record<keyof ClientMessagePayload, fc.Arbitrary<unknown>> {
  return {
    messageId: fc.oneof(fc.constant(sent.messageId), fc.string()),
    from: fc.oneof(fc.constant(sent.from), fc.jsonValue()),
    to: fc.constant(sent.to),
    message: fc.oneof(fc.constant(sent.message), fc.string({ unit: 'binary' })),
    acceptedAt: fc.oneof(fc.constant(sent.acceptedAt), fc.string()),
  };
}
