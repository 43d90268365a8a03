import { HealthIndicatorResult } from '@nestjs/terminus';

/**
 * One thing a service needs to do its work; `check` answers within its own bound, never hangs,
 * at once when it reads only the service's own state (as Terminus' indicator functions may).
 */
export interface ReadinessIndicator {
  check(): Promise<HealthIndicatorResult> | HealthIndicatorResult;
}

/** DI token: the readiness indicators of a service, in the order they are reported. */
export const READINESS_INDICATORS = Symbol('READINESS_INDICATORS');
