import { ServiceEnvironment } from '@app/config';
import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
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
