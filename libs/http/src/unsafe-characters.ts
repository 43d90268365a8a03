// Controls other than tab, newline and carriage return: C0, DEL and C1. JSON carries them
// escaped (DEL and C1 even raw), but no message needs them, and they corrupt logs, terminals
// and whatever later treats the text as a C string.
// eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one: JSON
// allows `"\ud800"`, but it is no text, and encoders downstream replace or reject it.
// Without the `u` flag the pattern sees UTF-16 code units, which is what we want here.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSAFE = new RegExp(`${CONTROL.source}|${LONE_SURROGATE.source}`, 'g');

/**
 * Why a decoded string cannot be accepted as text (`control character U+0000`,
 * `a lone UTF-16 surrogate (U+D800)`), or undefined when it can. Emoji and other
 * characters outside the BMP are surrogate pairs and pass.
 */
export function unsafeCharacter(value: string): string | undefined {
  const surrogate = LONE_SURROGATE.exec(value)?.[0];
  if (surrogate !== undefined) return `a lone UTF-16 surrogate (${codePoint(surrogate)})`;
  const control = CONTROL.exec(value)?.[0];
  if (control !== undefined) return `control character ${codePoint(control)}`;
  return undefined;
}

/** The string with each unsafe character written as a JSON escape, fit to name a field in a message. */
export function escapeUnsafeCharacters(value: string): string {
  return value.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function codePoint(char: string): string {
  return `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}
