import { Controller, Get, Header, Inject, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { METRICS_BEARER_AUTH, METRICS_REGISTRY } from './metrics.constants';
import { MetricsTokenGuard } from './metrics-token.guard';

/** `GET /metrics`: the Prometheus text format, for a scrape every 15-60 s; METRICS_TOKEN guards it when set. */
@ApiTags('operations')
@Controller('metrics')
@UseGuards(MetricsTokenGuard)
@ApiUnauthorizedResponse({ description: 'METRICS_TOKEN is set and was not sent as a bearer token' })
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics (text format); every series starts with client_messaging_',
    // Open, or METRICS_TOKEN as a bearer token: whichever the instance is configured for.
    security: [{}, { [METRICS_BEARER_AUTH]: [] }],
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' } })
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
