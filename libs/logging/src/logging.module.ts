import { ServiceEnvironment } from '@app/config';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { loggerParamsFromEnvironment } from './logger-params.factory';

/**
 * The service's pino logger (nestjs-pino), configured from its validated
 * environment. `configureHttpApp` makes it Nest's logger, so every
 * `new Logger(context)` of the services and libraries writes through it.
 */
@Module({})
export class LoggingModule {
  static forRoot(): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRootAsync({ useFactory: loggerParamsFromEnvironment, inject: [ServiceEnvironment] })],
      exports: [LoggerModule],
    };
  }
}
