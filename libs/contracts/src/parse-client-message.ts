import Ajv from 'ajv';
import { ClientMessagePayload } from './client-message.payload';
import { CLIENT_MESSAGE_SCHEMA, REAL_INSTANT_FORMAT } from './client-message.schema';
import { InvalidClientMessageError } from './invalid-client-message.error';
import { isRealInstant } from './strict-values';

// Compiled once: validating a record costs microseconds, which matters when a
// backlog of tens of thousands is drained (class-validator took ~190 µs each).
const validate = new Ajv({
  allErrors: true,
  formats: { [REAL_INSTANT_FORMAT]: isRealInstant },
}).compile<ClientMessagePayload>(CLIENT_MESSAGE_SCHEMA);

// As for HTTP bodies: controls other than tab, newline and carriage return, and
// lone UTF-16 surrogates, are no text (the pattern sees UTF-16 code units, no `u` flag).
// eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Turns a record value into a validated payload, as strictly as an HTTP body:
 * UTF-8 only, a JSON object, a canonical lower-case messageId, an acceptedAt
 * that names a real instant, a message of plain text.
 * @throws InvalidClientMessageError naming what is wrong; such a record can never succeed.
 */
export function parseClientMessage(value: Buffer | string | null): ClientMessagePayload {
  if (value === null || value.length === 0) {
    throw new InvalidClientMessageError('record value is empty');
  }
  const json = parseJson(decodeUtf8(value));
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InvalidClientMessageError('record value is not a JSON object');
  }
  if (!validate(json)) {
    const reasons = (validate.errors ?? []).map((error) => `${error.instancePath || 'value'} ${error.message}`);
    throw new InvalidClientMessageError(`invalid message: ${reasons.join('; ')}`);
  }
  if (CONTROL.test(json.message) || LONE_SURROGATE.test(json.message)) {
    throw new InvalidClientMessageError('invalid message: /message holds a control character or a lone surrogate');
  }
  return json;
}

function decodeUtf8(value: Buffer | string): string {
  if (typeof value === 'string') return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(value);
  } catch {
    throw new InvalidClientMessageError('record value is not valid UTF-8');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidClientMessageError('record value is not valid JSON');
  }
}
