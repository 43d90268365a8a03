/** The address whose messages client-b keeps. */
export const CLIENT_B_ADDRESS = 'clientB';
/** A sender or recipient: letters, digits, dot, dash, underscore; starts with a letter or digit. */
export const CLIENT_ADDRESS_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const CLIENT_ADDRESS_MAX_LENGTH = 64;
/** Default upper bound of the message text, in characters. */
export const DEFAULT_MESSAGE_MAX_LENGTH = 8192;
