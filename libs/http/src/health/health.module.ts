import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { READINESS_INDICATORS, ReadinessIndicator } from './readiness.indicator';

export interface HealthModuleOptions {
  /** Modules that provide what the indicators inject. */
  readonly imports?: ModuleMetadata['imports'];
  /** The service's readiness indicators, checked in this order: provided by `imports` or by `providers`. */
  readonly indicators: Type<ReadinessIndicator>[];
  /** Indicators of the service itself, made here (their dependencies come from `imports`). */
  readonly providers?: Type<ReadinessIndicator>[];
}

/** `/health/live` and `/health/ready` of a service, on @nestjs/terminus. */
@Module({})
export class HealthModule {
  static forRoot({ imports = [], indicators, providers = [] }: HealthModuleOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json', gracefulShutdownTimeoutMs: 0 }), ...imports],
      controllers: [HealthController],
      providers: [
        ...providers,
        { provide: READINESS_INDICATORS, useFactory: (...found: ReadinessIndicator[]) => found, inject: indicators },
      ],
    };
  }
}
