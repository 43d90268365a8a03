import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController, READINESS_INDICATORS, ReadinessIndicator } from './health.controller';
import { SharedReadiness } from './shared-readiness';

export interface HealthModuleOptions {
  /** Modules that provide what the indicators inject. */
  readonly imports?: ModuleMetadata['imports'];
  /** The service's readiness indicators, checked in this order: provided by `imports` or by `providers`. */
  readonly indicators: Type<ReadinessIndicator>[];
  /** Indicators of the service itself, made here (their dependencies come from `imports`). */
  readonly providers?: Type<ReadinessIndicator>[];
}

/**
 * `/health/live` and `/health/ready` of a service, on @nestjs/terminus; each
 * indicator's result is shared by the probes of a second (SharedReadiness).
 */
@Module({})
export class HealthModule {
  static forRoot({ imports = [], indicators, providers = [] }: HealthModuleOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json', gracefulShutdownTimeoutMs: 0 }), ...imports],
      controllers: [HealthController],
      providers: [
        ...providers,
        SharedReadiness,
        {
          provide: READINESS_INDICATORS,
          useFactory: (shared: SharedReadiness, ...found: ReadinessIndicator[]) =>
            found.map((indicator) => shared.share(indicator)),
          inject: [SharedReadiness, ...indicators],
        },
      ],
    };
  }
}
