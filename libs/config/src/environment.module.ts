import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { messagingTopics } from '@app/contracts';
import { ServiceEnvironment } from './service.environment';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { EXPLAINED_CONTEXT } from './environment.decorators';

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

/** DI token of the service's {@link MessagingTopics}, namespaced by KAFKA_TOPIC_NAMESPACE. */
export const MESSAGING_TOPICS = Symbol('MESSAGING_TOPICS');

/**
 * Validates a service's environment once at boot through @nestjs/config
 * (a bad value stops the service, naming the variable) and provides the typed
 * result under its own class and under {@link ServiceEnvironment}, with the
 * service's topic names.
 */
@Module({})
export class EnvironmentModule {
  static forRoot<T extends ServiceEnvironment>(environmentClass: new () => T): DynamicModule {
    const validate = createEnvironmentValidator(environmentClass);
    return {
      module: EnvironmentModule,
      global: true,
      imports: [ConfigModule.forRoot({ cache: true, validate })],
      providers: [
        // ConfigModule has loaded any .env file into process.env by the time this runs.
        { provide: environmentClass, useFactory: () => validate(process.env) },
        { provide: ServiceEnvironment, useExisting: environmentClass },
        {
          provide: MESSAGING_TOPICS,
          useFactory: (env: ServiceEnvironment) => messagingTopics(env.KAFKA_TOPIC_NAMESPACE),
          inject: [ServiceEnvironment],
        },
      ],
      exports: [environmentClass, ServiceEnvironment, MESSAGING_TOPICS],
    };
  }
}
