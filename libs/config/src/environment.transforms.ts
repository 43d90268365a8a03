import { Transform } from 'class-transformer';

/** Reads an integer variable; an unparseable value stays a string so validation names it. */
export function ToInteger() {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string' || value.trim() === '') return value;
    return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  });
}

/** Reads "true"/"false" (any case); anything else stays as given so validation names it. */
export function ToBoolean() {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const lowered = value.trim().toLowerCase();
    if (lowered === 'true') return true;
    if (lowered === 'false') return false;
    return value;
  });
}

/** Reads a comma-separated list, dropping blanks. */
export function ToList() {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : value,
  );
}
