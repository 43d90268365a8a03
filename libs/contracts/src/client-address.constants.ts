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
