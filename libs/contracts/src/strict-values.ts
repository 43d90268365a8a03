/**
 * Value checks shared by everything that reads a record written by someone
 * else: a value that passes a pattern but breaks later (a 13th month, an
 * upper-case id that pages and SSE resume compare as text) is refused here.
 */

/** A UUID as `crypto.randomUUID()` writes it: lower-case hex, 8-4-4-4-12. */
export const CANONICAL_UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const CANONICAL_UUID = new RegExp(CANONICAL_UUID_PATTERN);

/** The calendar form with a time and zone, as `Date.prototype.toISOString()` writes it (a zone offset allowed). */
export const ISO_INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:\\d{2})$';
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** What a JavaScript Date can hold: ±8.64e15 ms around the epoch. */
export const MAX_DATE_MS = 8.64e15;

export function isCanonicalUuid(value: unknown): value is string {
  return typeof value === 'string' && value.length === 36 && CANONICAL_UUID.test(value);
}

/** True for an ISO instant whose every field exists: no 2024-13-01, no 2023-02-29, no 24:00. */
export function isRealInstant(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 29) return false;
  const match = ISO_INSTANT.exec(value);
  if (match === null) return false;
  const [year, month, day, hour, minute, second, zoneHours = 0, zoneMinutes = 0] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  if (hour > 23 || minute > 59 || second > 59 || zoneHours > 23 || zoneMinutes > 59) return false;
  return isDateMs(Date.parse(value));
}

/** True for epoch milliseconds a Date can hold (so `toISOString()` cannot throw). */
export function isDateMs(ms: number): boolean {
  return Number.isInteger(ms) && Math.abs(ms) <= MAX_DATE_MS;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
