import { HealthIndicatorResult } from '@nestjs/terminus';

/** One thing a service needs to do its work; `check` answers within its own bound, never hangs. */
export interface ReadinessIndicator {
  check(): Promise<HealthIndicatorResult>;
}

/** DI token: the readiness indicators of a service, in the order they are reported. */
export const READINESS_INDICATORS = Symbol('READINESS_INDICATORS');
