import { FieldError } from './error-response';

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

interface Frame {
  /** The keys an object has had so far; absent for an array. */
  readonly keys?: Set<string>;
  /** An object's current key, or an array's current index. */
  segment: string | number;
  /** Whether an object's next string is a key rather than a value. */
  expectsKey: boolean;
}

/**
 * The first thing in a JSON text that JSON.parse accepts but a request must not
 * hold: a key given twice in one object, at any depth, or a string (key or value)
 * with a lone surrogate or a control character. Named by its path the way
 * validation names fields (`from`, `to.$ne`, `message.0`). Expects a text
 * JSON.parse accepted; one pass, linear in the text's length.
 */
export function jsonTextRefusal(text: string): FieldError | undefined {
  const frames: Frame[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    const top = frames[frames.length - 1];
    if (char === '"') {
      const end = stringEnd(text, index);
      const refusal = refusalOfString(frames, decode(text, index, end));
      if (refusal) return refusal;
      index = end;
    } else if (char === '{') {
      frames.push({ keys: new Set(), segment: '', expectsKey: true });
    } else if (char === '[') {
      frames.push({ segment: 0, expectsKey: false });
    } else if (char === '}' || char === ']') {
      frames.pop();
    } else if (char === ',' && top) {
      if (top.keys) top.expectsKey = true;
      else top.segment = Number(top.segment) + 1;
    }
  }
  return undefined;
}

// JSON.parse keeps the last of two equal keys without a word, so validation would check a
// value other than the one a proxy, a log or a second parser in front of us may have read.
function refusalOfString(frames: Frame[], value: string): FieldError | undefined {
  const top = frames[frames.length - 1];
  if (top?.keys && top.expectsKey) {
    top.expectsKey = false;
    top.segment = value;
    if (top.keys.has(value)) return refusal(frames, 'is given more than once');
    top.keys.add(value);
  }
  const character = unsafeCharacter(value);
  return character === undefined ? undefined : refusal(frames, `holds ${character}`);
}

// The path is built only for a refusal: building it for every key would make deep bodies with long keys quadratic.
function refusal(frames: Frame[], reason: string): FieldError {
  const field = frames.map((frame) => escapeUnsafeCharacters(String(frame.segment))).join('.') || 'body';
  return { field, reasons: [`${field} ${reason}`] };
}

/** Index of the quote that closes the string opened at `start`. */
function stringEnd(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index += 1) {
    if (text[index] === '\\') index += 1;
    else if (text[index] === '"') return index;
  }
  return text.length;
}

// Keys are compared decoded, so `"\u0066rom"` is the same key as `"from"`.
function decode(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end + 1)) as string) : raw;
}
