import { DynamicModule, Global, Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { HttpMetrics } from './http.metrics';
import { METRICS_PREFIX, METRICS_REGISTRY } from './metrics.constants';
import { MetricsController, MetricsTokenGuard } from './metrics.controller';

/**
 * The service's Prometheus registry (Node's default metrics included, every
 * series labelled with the service's name), `GET /metrics`, and the HTTP
 * request histogram. Global: features register their own metrics in it.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot({ service }: { service: string }): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [
        {
          provide: METRICS_REGISTRY,
          useFactory: () => {
            // A registry of its own, not prom-client's global one: tests start several apps in one process.
            const registry = new Registry();
            registry.setDefaultLabels({ service });
            collectDefaultMetrics({ register: registry, prefix: METRICS_PREFIX });
            return registry;
          },
        },
        HttpMetrics,
        MetricsTokenGuard,
      ],
      exports: [METRICS_REGISTRY, HttpMetrics],
    };
  }
}
