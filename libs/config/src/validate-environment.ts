import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { EXPLAINED_CONTEXT } from './explained.constraint';

const [EXPLAINED_KEY] = Object.keys(EXPLAINED_CONTEXT);

type EnvironmentClass<T extends object> = new () => T;

/** Thrown at boot when the environment is wrong; the message names every bad variable. */
export class InvalidEnvironmentError extends Error {
  override readonly name = 'InvalidEnvironmentError';
}

/**
 * Builds the `validate` function for `ConfigModule.forRoot`: converts the raw
 * environment into a typed class and fails fast, naming each offending variable.
 * Values are never echoed, so a mistyped secret does not end up in a log.
 */
export function createEnvironmentValidator<T extends object>(environmentClass: EnvironmentClass<T>) {
  return (raw: Record<string, unknown>): T => {
    const environment = plainToInstance(environmentClass, withoutBlanks(raw), {
      enableImplicitConversion: false,
      exposeDefaultValues: true,
    });
    const errors = validateSync(environment, { skipMissingProperties: false, whitelist: false });
    if (errors.length > 0) {
      throw new InvalidEnvironmentError(`Invalid environment configuration:\n${errors.map(describeError).join('\n')}`);
    }
    return environment;
  };
}

// `NAME=` in an .env template means "not set": the default applies.
function withoutBlanks(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
}

// Only a constraint's name is printed, or for our Explained ones also their reason, which
// never holds the value: class-validator's own messages may.
function describeError(error: ValidationError): string {
  const reasons = Object.entries(error.constraints ?? {})
    .map(([name, message]) => (isExplained(error.contexts?.[name]) ? `${name} (${message})` : name))
    .join(', ');
  return `  - ${error.property}: ${reasons ? `fails ${reasons}` : 'is invalid'}`;
}

// class-validator types a constraint's context `any`; an Explained one carries EXPLAINED_CONTEXT.
function isExplained(context: unknown): boolean {
  return (
    typeof context === 'object' && context !== null && (context as Record<string, unknown>)[EXPLAINED_KEY] === true
  );
}
