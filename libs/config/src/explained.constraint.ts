import { registerDecorator, ValidationOptions } from 'class-validator';

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
