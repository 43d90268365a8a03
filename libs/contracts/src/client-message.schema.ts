import { CLIENT_ADDRESS_MAX_LENGTH, MESSAGE_MAX_LENGTH_CEILING } from './client-address.constants';

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const ADDRESS = '^[A-Za-z0-9][A-Za-z0-9._-]*$';
// Only the calendar form with a time and zone, as Date.prototype.toISOString() writes it.
const ISO_INSTANT = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:\\d{2})$';

const address = { type: 'string', minLength: 1, maxLength: CLIENT_ADDRESS_MAX_LENGTH, pattern: ADDRESS } as const;

/**
 * JSON Schema of a record value on the client-messages topics. Unknown fields
 * are allowed, so a newer producer can add one without breaking older consumers.
 */
export const CLIENT_MESSAGE_SCHEMA = {
  type: 'object',
  required: ['messageId', 'from', 'to', 'message', 'acceptedAt'],
  properties: {
    messageId: { type: 'string', pattern: UUID },
    from: address,
    to: address,
    message: { type: 'string', minLength: 1, maxLength: MESSAGE_MAX_LENGTH_CEILING },
    acceptedAt: { type: 'string', pattern: ISO_INSTANT },
  },
} as const;
