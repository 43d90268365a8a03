import { CLIENT_ADDRESS_MAX_LENGTH, MESSAGE_MAX_LENGTH_CEILING } from './client-address.constants';
import { CANONICAL_UUID_PATTERN, ISO_INSTANT_PATTERN } from './strict-values';

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
