import { ServiceEnvironment } from '@app/config';
import { DynamicModule, Logger as NestLogger, Module } from '@nestjs/common';
import { Logger, LoggerModule } from 'nestjs-pino';
import { loggerParamsFromEnvironment } from './logger-params.factory';

/** DI token of the provider that makes the service's logger Nest's while the app starts. */
export const LOGGER_ADOPTED = Symbol('LOGGER_ADOPTED');

/**
 * The service's pino logger (nestjs-pino), configured from its validated
 * environment, made Nest's logger as soon as it exists: every
 * `new Logger(context)` of the services and libraries writes through it, and
 * so do the modules that start after this one. A database that does not
 * answer at start is then reported in the service's format, scrubbed, as it
 * happens. Import it right after the EnvironmentModule.
 */
@Module({})
export class LoggingModule {
  static forRoot(): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRootAsync({ useFactory: loggerParamsFromEnvironment, inject: [ServiceEnvironment] })],
      providers: [{ provide: LOGGER_ADOPTED, useFactory: adoptLogger, inject: [Logger] }],
      exports: [LoggerModule],
    };
  }
}

// What Nest buffered until now (bufferLogs) is written through the new logger.
function adoptLogger(logger: Logger): true {
  NestLogger.overrideLogger(logger);
  NestLogger.flush();
  return true;
}
