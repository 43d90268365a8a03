/**
 * Longest string field a log line keeps whole, in characters: room for a URL, a header, an
 * id or an error message people read, far short of what a caller or a record can send
 * (a 16 KB header, a 1 MB Kafka header).
 */
export const LOG_FIELD_MAX_CHARS = 1024;

/** Longest message (`msg`) or error stack a line keeps whole: texts people read as a whole. */
export const LOG_TEXT_MAX_CHARS = 4096;

/**
 * The most bytes one logged object takes in its line, as JSON: the fields of one call, the
 * request, the response or the error. Past it the remaining fields are left out and counted.
 */
export const LOG_OBJECT_MAX_BYTES = 8 * 1024;

/**
 * The most bytes one log line takes: at most four bounded objects (the fields, the request,
 * the response, the error), a message (up to 6 bytes a character once JSON escapes it), and
 * pino's own fields (time, level, pid, hostname, the correlation id of at most 128 characters).
 */
export const LOG_LINE_MAX_BYTES = 4 * LOG_OBJECT_MAX_BYTES + 6 * LOG_TEXT_MAX_CHARS + 1024;

// Deeper than this, an object reads as "[Object]", as util.inspect writes it.
const MAX_DEPTH = 6;
// What the notes on left-out fields take (one per level at most), so that they fit in the budget too.
const NOTE_RESERVE_BYTES = 64 * MAX_DEPTH;
const TEXT_FIELDS = new Set(['msg', 'stack']);

/** `text` cut after `maxChars` characters, with its length noted: `abc…[cut, 16384 chars]`. */
export function cutLongText(text: string, maxChars: number = LOG_FIELD_MAX_CHARS): string {
  if (text.length <= maxChars) return text;
  // Not between the two halves of a surrogate pair.
  const end = isHighSurrogate(text.charCodeAt(maxChars - 1)) ? maxChars - 1 : maxChars;
  return `${text.slice(0, end)}…[cut, ${text.length} chars]`;
}

/**
 * A copy of `value` fit for one log line: every string cut to {@link LOG_FIELD_MAX_CHARS}
 * (`msg` and `stack` to {@link LOG_TEXT_MAX_CHARS}), nesting cut at a depth, and fields
 * left out once the copy would take more than `maxBytes` as JSON. What JSON writes of it is
 * kept: `toJSON` is applied, functions and symbols dropped, cycles read "[Circular]".
 * Keys in `skip` are kept as they are (pino's serializers bound those themselves).
 */
export function boundLogObject<T extends object>(
  value: T,
  skip: ReadonlySet<string> = new Set(),
  maxBytes = LOG_OBJECT_MAX_BYTES,
): T {
  return boundEntries(value, skip, { remaining: maxBytes - NOTE_RESERVE_BYTES }, 0, new Set([value])) as T;
}

type Budget = { remaining: number };

function bound(value: unknown, key: string, budget: Budget, depth: number, ancestors: Set<object>): unknown {
  if (typeof value === 'string')
    return cutLongText(value, TEXT_FIELDS.has(key) ? LOG_TEXT_MAX_CHARS : LOG_FIELD_MAX_CHARS);
  if (typeof value !== 'object' || value === null) return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return boundJsonOf(value, key, budget, depth, ancestors);
  if (ancestors.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
  ancestors.add(value);
  const copy = Array.isArray(value)
    ? boundItems(value, budget, depth + 1, ancestors)
    : boundEntries(value, new Set(), budget, depth + 1, ancestors);
  ancestors.delete(value);
  return copy;
}

// A Date becomes its string, a Buffer its {type, data}: bounded as JSON would write them.
function boundJsonOf(value: object, key: string, budget: Budget, depth: number, ancestors: Set<object>): unknown {
  const json: unknown = (value as { toJSON: (key: string) => unknown }).toJSON(key);
  if (typeof json === 'object' && json !== null && typeof (json as { toJSON?: unknown }).toJSON === 'function')
    return '[Object]';
  return bound(json, key, budget, depth, ancestors);
}

function boundEntries(
  value: object,
  skip: ReadonlySet<string>,
  budget: Budget,
  depth: number,
  ancestors: Set<object>,
): object {
  const copy: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (const [index, key] of keys.entries()) {
    const field = (value as Record<string, unknown>)[key];
    if (skip.has(key)) {
      copy[key] = field;
      continue;
    }
    const boundedKey = cutLongText(key);
    const boundedField = spend(budget, jsonBytes(boundedKey) + 1, () => bound(field, key, budget, depth, ancestors));
    if (boundedField === NO_ROOM) {
      copy['…'] = note(budget, `[cut, ${keys.length - index} more fields]`);
      break;
    }
    copy[boundedKey] = boundedField;
  }
  return copy;
}

function boundItems(value: unknown[], budget: Budget, depth: number, ancestors: Set<object>): unknown[] {
  const copy: unknown[] = [];
  for (const [index, item] of value.entries()) {
    const boundedItem = spend(budget, 0, () => bound(item, String(index), budget, depth, ancestors));
    if (boundedItem === NO_ROOM) {
      copy.push(note(budget, `…[cut, ${value.length - index} more items]`));
      break;
    }
    copy.push(boundedItem);
  }
  return copy;
}

const NO_ROOM = Symbol('no room');

// A note is paid for from the reserve: the budget goes below zero, so the levels above stop too.
function note(budget: Budget, text: string): string {
  budget.remaining -= jsonBytes(text) + 4;
  return text;
}

// Takes the cost of a field (its key, its comma, its value as JSON) from the budget, or
// answers NO_ROOM when it does not fit. A nested object pays for its own fields as it is
// copied, and notes there what it left out.
function spend(budget: Budget, keyBytes: number, boundedValue: () => unknown): unknown {
  if (budget.remaining < keyBytes + 1) return NO_ROOM;
  const value = boundedValue();
  const cost = keyBytes + 1 + jsonBytes(value);
  if (typeof value !== 'object' || value === null) {
    if (budget.remaining < cost) return NO_ROOM;
  }
  budget.remaining -= cost;
  return value;
}

// Scalars and cut strings are measured as JSON writes them; a nested copy has paid for its own fields.
function jsonBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(JSON.stringify(value));
  if (typeof value === 'object' && value !== null) return 2;
  return String(value).length;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
