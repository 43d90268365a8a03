import { maskUriPasswords } from './mask-uri-passwords';

/** What a secret reads as in a log line. */
export const REDACTED = '[Redacted]';

/**
 * Shorter values are not secrets worth the name, and replacing them would
 * garble every line that happens to contain those few characters.
 */
const MIN_SECRET_LENGTH = 4;

/**
 * A last line of defence for pino's `hooks.streamWrite`: takes a serialized
 * line and returns it with every known secret value replaced and every URI's
 * password masked. Field redaction (pino `redact`) only covers fields we know
 * of; this also covers secrets that end up inside free text, such as an error
 * message that quotes a connection string.
 */
export function createSecretScrubber(secrets: readonly (string | undefined)[]): (line: string) => string {
  const needles = [...new Set(secrets.filter(isSecret).flatMap((secret) => [secret, jsonEscaped(secret)]))]
    // Longest first: a secret that contains another is replaced whole.
    .sort((a, b) => b.length - a.length);
  return (line) => {
    let scrubbed = maskUriPasswords(line);
    for (const needle of needles) {
      if (scrubbed.includes(needle)) scrubbed = scrubbed.split(needle).join(REDACTED);
    }
    return scrubbed;
  };
}

function isSecret(value: string | undefined): value is string {
  return value !== undefined && value.length >= MIN_SECRET_LENGTH;
}

// How the value reads inside a JSON string, where a quote or a backslash is escaped.
function jsonEscaped(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}
