import { IsInt, Max, Min, registerDecorator, ValidationOptions, ValidateBy } from 'class-validator';
import { Transform } from 'class-transformer';

/** Says what is wrong with a value without repeating it, or undefined when it is right. */
export type ProblemOf = (value: unknown, environment: Record<string, unknown>) => string | undefined;

/** Marks a constraint whose message may be printed: written by us, it never holds the value. */
export const EXPLAINED_CONTEXT = { explained: true } as const;

/**
 * A validation rule that explains itself: start-up prints `problem`'s answer after the
 * variable's name (e.g. "a mongodb+srv:// URI names one host, without a port"), where
 * class-validator's own constraints only get their names printed.
 */
export function Explained(name: string, problem: ProblemOf, options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { ...options, context: EXPLAINED_CONTEXT },
      validator: {
        validate: (value, args) => problem(value, args?.object as Record<string, unknown>) === undefined,
        defaultMessage: (args) => problem(args?.value, args?.object as Record<string, unknown>) ?? 'is invalid',
      },
    });
}

// [user[:password]@]host[:port][/db]; a percent-encoded password may hold anything but '@' and '/'.
const REDIS_URL = /^rediss?:\/\/(?:[^\s@/]*@)?[^\s@/:]+(?::\d{1,5})?(?:\/\d{1,2})?\/?$/;

/** A `redis://` or `rediss://` URL with a host, and a port in range when given. */
export function IsRedisUrl(): PropertyDecorator {
  return ValidateBy({
    name: 'isRedisUrl',
    validator: { validate: isRedisUrl, defaultMessage: () => 'must be a redis:// or rediss:// URL' },
  });
}

function isRedisUrl(value: unknown): boolean {
  if (typeof value !== 'string' || !REDIS_URL.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** Reads an integer variable; an unparseable value stays a string so validation names it. */
export function ToInteger() {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string' || value.trim() === '') return value;
    return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  });
}

/**
 * An integer variable within [min, max]: ToInteger, IsInt, Min and Max, applied in the
 * order a stack of the four applies them, so validation reports exactly what it did.
 */
export function IntegerIn(min: number, max: number): PropertyDecorator {
  const stack = [ToInteger(), IsInt(), Min(min), Max(max)];
  return (target, propertyName) => {
    for (const decorate of [...stack].reverse()) decorate(target, propertyName);
  };
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
