/**
 * Fields pino replaces with [Redacted] wherever a line carries them (see
 * pino's `redact`): the credentials of a request or response, and any field
 * whose name says it holds a password, a token or a secret.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  '*.*.password',
  'sasl',
  '*.sasl',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'KAFKA_SASL_PASSWORD',
  '*.KAFKA_SASL_PASSWORD',
  'ADMIN_TOKEN',
  '*.ADMIN_TOKEN',
];
