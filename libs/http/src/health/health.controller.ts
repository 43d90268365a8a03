import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { FastifyReply } from 'fastify';
import { HealthCheckResultSchema } from './health-check-result.schema';
import { READINESS_INDICATORS, ReadinessIndicator } from './readiness.indicator';

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
