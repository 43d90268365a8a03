import { clientAddress } from '@app/http';
import { ThrottlerModuleOptions } from '@nestjs/throttler';
import { FastifyRequest } from 'fastify';
import { ClientAEnvironment } from './client-a.environment';

/**
 * Rate limit per client IP address, from RATE_LIMIT_PER_MINUTE per
 * RATE_LIMIT_WINDOW_MS; 0 requests turns it off. Behind TRUST_PROXY_HOPS
 * proxies the address is the one they forwarded. The guard sets `Retry-After`
 * (seconds) on the 429 answer.
 */
export function throttlerOptionsFromEnvironment(env: ClientAEnvironment): ThrottlerModuleOptions {
  const limit = env.RATE_LIMIT_PER_MINUTE;
  const windowMs = env.RATE_LIMIT_WINDOW_MS;
  return {
    throttlers: [{ limit, ttl: windowMs }],
    skipIf: () => limit === 0,
    getTracker: (request) => clientAddress((request as FastifyRequest).raw, env.TRUST_PROXY_HOPS),
    errorMessage: (_context, detail) =>
      `Too many requests: at most ${limit} per ${windowMs} ms from one client; retry after ${detail.timeToBlockExpire} s`,
  };
}
