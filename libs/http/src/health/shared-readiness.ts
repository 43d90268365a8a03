import { FreshResultCache, METRICS_PREFIX, METRICS_REGISTRY } from '@app/metrics';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult } from '@nestjs/terminus';
import { Counter, Registry } from 'prom-client';
import { ReadinessIndicator } from './health.controller';

/**
 * How long one check's result answers every readiness probe. A probe is
 * public and cheap to send; without this each one would ping the database and
 * the broker.
 */
export const READINESS_RESULT_TTL_MS = 1000;

/**
 * Makes the service's readiness indicators shared: concurrent probes wait for
 * one run of each check, and a result answers for READINESS_RESULT_TTL_MS.
 * Counts the checks really run, by name, in `/metrics`.
 */
@Injectable()
export class SharedReadiness {
  private readonly checksRun: Counter<'check'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.checksRun = new Counter({
      name: `${METRICS_PREFIX}readiness_checks_total`,
      help: 'Readiness checks run against a dependency, by check (probes within a second share one)',
      labelNames: ['check'],
      registers: [registry],
    });
  }

  share(indicator: ReadinessIndicator): ReadinessIndicator {
    const cache = new FreshResultCache<HealthIndicatorResult>(READINESS_RESULT_TTL_MS);
    const run = async (): Promise<HealthIndicatorResult> => {
      const result = await indicator.check();
      for (const check of Object.keys(result)) this.checksRun.inc({ check });
      return result;
    };
    return { check: () => cache.get(run) };
  }
}
