import { Inject, Injectable } from '@nestjs/common';
import { Histogram, Registry } from 'prom-client';
import { METRICS_PREFIX, METRICS_REGISTRY } from './metrics.constants';

/** Buckets from 5 ms (a validation error) to 30 s (the longest `Prefer: wait`). */
const BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The part of a Fastify instance the histogram needs (Nest's adapter brings its own copy of Fastify's types). */
interface ResponseHooks {
  addHook(
    name: 'onResponse',
    hook: (
      request: { method: string; routeOptions: { url?: string } },
      reply: { statusCode: number; elapsedTime: number },
      done: () => void,
    ) => void,
  ): unknown;
}

/** HTTP request durations by method, route (the pattern, not the path) and status. */
@Injectable()
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.duration = new Histogram({
      name: `${METRICS_PREFIX}http_request_duration_seconds`,
      help: 'HTTP requests by method, route pattern and status, from arrival to the last byte sent',
      labelNames: ['method', 'route', 'status'],
      buckets: BUCKETS_SECONDS,
      registers: [registry],
    });
  }

  /** Times every answered request of `server`; unrouted paths share one label, so they cannot blow up the series. */
  install(server: ResponseHooks): void {
    server.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      this.duration.observe(
        { method: request.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
      done();
    });
  }
}
