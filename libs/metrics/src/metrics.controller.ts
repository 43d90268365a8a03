import {
  Controller,
  Get,
  Header,
  Inject,
  UseGuards,
  CanActivate,
  ExecutionContext,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { METRICS_BEARER_AUTH, METRICS_REGISTRY } from './metrics.constants';
import { ServiceEnvironment } from '@app/config';
import { createHash, timingSafeEqual } from 'node:crypto';

const BEARER = /^Bearer[ ]+([\x21-\x7e]+)[ ]*$/i;

/**
 * `GET /metrics` with METRICS_TOKEN set: `Authorization: Bearer <METRICS_TOKEN>`
 * (what Prometheus sends with `authorization: {credentials: …}`), 401
 * otherwise, wrong and missing alike (a scraper has nothing more to learn).
 * Unset: the metrics are public.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(env: ServiceEnvironment) {
    this.expected = env.METRICS_TOKEN === undefined ? undefined : digest(env.METRICS_TOKEN);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.expected === undefined) return true;
    const http = context.switchToHttp();
    const authorization: unknown = http.getRequest<{ headers: Record<string, unknown> }>().headers.authorization;
    const presented = typeof authorization === 'string' ? BEARER.exec(authorization)?.[1] : undefined;
    // Compared as digests, so the comparison takes as long whatever the token's length or how much of it is right.
    if (presented !== undefined && timingSafeEqual(digest(presented), this.expected)) return true;
    http
      .getResponse<{ header(name: string, value: string): unknown }>()
      .header('www-authenticate', 'Bearer realm="metrics"');
    throw new UnauthorizedException('An Authorization: Bearer header with METRICS_TOKEN is required');
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

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
