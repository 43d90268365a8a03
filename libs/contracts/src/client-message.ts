import Ajv from 'ajv';
import { MessagingError } from './messaging.error';
import { isRealInstant, CANONICAL_UUID_PATTERN, ISO_INSTANT_PATTERN } from './strict-values';

/** The address whose messages client-b keeps. */
export const CLIENT_B_ADDRESS = 'clientB';
/** A sender or recipient: letters, digits, dot, dash, underscore; starts with a letter or digit. */
export const CLIENT_ADDRESS_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const CLIENT_ADDRESS_MAX_LENGTH = 64;
/** Default upper bound of the message text, in characters (client-a's MESSAGE_MAX_LENGTH). */
export const DEFAULT_MESSAGE_MAX_LENGTH = 8192;
/**
 * The most MESSAGE_MAX_LENGTH may be raised to. client-b validates against this
 * ceiling, so whatever client-a accepts is never dead-lettered as too long.
 */
export const MESSAGE_MAX_LENGTH_CEILING = 16_384;

/** The JSON value of a record on the client-messages topics; its schema is CLIENT_MESSAGE_SCHEMA. */
export interface ClientMessagePayload {
  /** Assigned by client-a; the deduplication key downstream. */
  readonly messageId: string;
  readonly from: string;
  readonly to: string;
  readonly message: string;
  /** When client-a accepted the message, as `Date.prototype.toISOString()` writes it. */
  readonly acceptedAt: string;
}

const ADDRESS = '^[A-Za-z0-9][A-Za-z0-9._-]*$';
/** Ajv format of `acceptedAt`: an ISO instant that names a real time (see isRealInstant). */
export const REAL_INSTANT_FORMAT = 'real-instant';

const address = { type: 'string', minLength: 1, maxLength: CLIENT_ADDRESS_MAX_LENGTH, pattern: ADDRESS } as const;

/**
 * JSON Schema of a record value on the client-messages topics. Unknown fields
 * are allowed, so a newer producer can add one without breaking older consumers.
 */
export const CLIENT_MESSAGE_SCHEMA = {
  type: 'object',
  required: ['messageId', 'from', 'to', 'message', 'acceptedAt'],
  properties: {
    // Lower-case only: the inbox pages and SSE resumes compare ids as text.
    messageId: { type: 'string', pattern: CANONICAL_UUID_PATTERN },
    from: address,
    to: address,
    message: { type: 'string', minLength: 1, maxLength: MESSAGE_MAX_LENGTH_CEILING },
    acceptedAt: { type: 'string', pattern: ISO_INSTANT_PATTERN, format: REAL_INSTANT_FORMAT },
  },
} as const;

/** A record value that can never be processed: not JSON, or not a valid message. */
export class InvalidClientMessageError extends MessagingError {
  /** No retry can fix the value: the record goes to the dead-letter topic at once. */
  constructor(message: string) {
    super(message, { retriable: false });
  }
}

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
