import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiProperty } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, HealthIndicatorResult } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { FastifyReply } from 'fastify';

// Each check: `{status: 'up' | 'down', ...what it reports}`, keyed by its name.
const CHECKS = {
  type: 'object' as const,
  additionalProperties: { type: 'object' as const, additionalProperties: true },
};

/** terminus' report, as the OpenAPI document shows it. */
export class HealthCheckResultSchema {
  @ApiProperty({ enum: ['ok', 'error'] })
  status!: 'ok' | 'error';

  @ApiProperty({
    ...CHECKS,
    description: 'The checks that are up',
    example: { mongodb: { status: 'up' }, kafka: { status: 'up', brokers: 1 } },
  })
  info!: Record<string, unknown>;

  @ApiProperty({
    ...CHECKS,
    description: 'The checks that are down, each with its reason',
    example: { mongodb: { status: 'down', message: 'no answer to a ping within 2000 ms' } },
  })
  error!: Record<string, unknown>;

  @ApiProperty({
    ...CHECKS,
    description: "Every check; client-b's `consumer` lists the partitions the instance reads, by topic",
    example: { consumer: { status: 'up', groupId: 'client-b-group', partitions: { 'client-messages': [0, 1, 2] } } },
  })
  details!: Record<string, unknown>;
}

/**
 * One thing a service needs to do its work; `check` answers within its own bound, never hangs,
 * at once when it reads only the service's own state (as Terminus' indicator functions may).
 */
export interface ReadinessIndicator {
  check(): Promise<HealthIndicatorResult> | HealthIndicatorResult;
}

/** DI token: the readiness indicators of a service, in the order they are reported. */
export const READINESS_INDICATORS = Symbol('READINESS_INDICATORS');

/**
 * `GET /health/live`: the process serves HTTP (restart it if not).
 * `GET /health/ready` (and `GET /health`; Render checks `/health/live`): every dependency
 * answers; 503 names the one that does not, so the instance gets no traffic
 * until it recovers, without a restart. Both answer terminus' report as it is
 * (`status`, `info`, `error`, `details`), the shape health tooling reads.
 * Not rate limited: a platform's probes must always get an answer, and a
 * flood of them costs one check per dependency per second (SharedReadiness).
 */
@ApiTags('health')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(READINESS_INDICATORS) private readonly indicators: ReadinessIndicator[],
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process serves HTTP (restart the instance if this does not answer)' })
  @ApiOkResponse({ type: HealthCheckResultSchema })
  live(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return this.report([], reply);
  }

  @Get('ready')
  @ApiOperation({ summary: 'Every dependency answers within HEALTH_TIMEOUT_MS; 503 names the one that does not' })
  @ApiOkResponse({ type: HealthCheckResultSchema })
  @ApiServiceUnavailableResponse({
    type: HealthCheckResultSchema,
    description: 'A dependency is down: `error` names it',
  })
  ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return this.report(this.indicators, reply);
  }

  @Get()
  @ApiOperation({ summary: 'Readiness at its first address: the same as GET /health/ready' })
  @ApiOkResponse({ type: HealthCheckResultSchema })
  @ApiServiceUnavailableResponse({
    type: HealthCheckResultSchema,
    description: 'A dependency is down: `error` names it',
  })
  readyAtTheOldAddress(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return this.ready(reply);
  }

  // terminus throws its report as a 503; answered here, it is not logged as an unexpected error.
  private async report(indicators: ReadinessIndicator[], reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.health.check(indicators.map((indicator) => () => indicator.check()));
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
