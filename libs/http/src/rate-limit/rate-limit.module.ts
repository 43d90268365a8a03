import { ServiceEnvironment } from '@app/config';
import { RedisConnections } from '@app/redis';
import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule, ThrottlerModuleOptions } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { FastifyRequest } from 'fastify';
import { clientAddress } from '../client-address';
import { SharedThrottlerStorage } from './shared-throttler.storage';

/**
 * Rate limit per client IP address, from RATE_LIMIT_PER_MINUTE per
 * RATE_LIMIT_WINDOW_MS; 0 requests turns it off. Behind TRUST_PROXY_HOPS
 * proxies the address is the one they forwarded. The guard sets `Retry-After`
 * (seconds) on the 429 answer. With REDIS_URL the counts are shared by every
 * instance of `service` (under the topic namespace, so deployments sharing a
 * Redis keep their own); without, each instance counts alone in memory.
 */
export async function throttlerOptionsFromEnvironment(
  env: ServiceEnvironment,
  redis: RedisConnections,
  service: string,
): Promise<ThrottlerModuleOptions> {
  const limit = env.RATE_LIMIT_PER_MINUTE;
  const windowMs = env.RATE_LIMIT_WINDOW_MS;
  return {
    throttlers: [{ limit, ttl: windowMs }],
    skipIf: () => limit === 0,
    getTracker: (request) => clientAddress((request as FastifyRequest).raw, env.TRUST_PROXY_HOPS),
    errorMessage: (_context, detail) => rateLimitMessage(env, detail.timeToBlockExpire),
    ...(redis.enabled && limit > 0
      ? { storage: await sharedStorage(redis, `${env.KAFKA_TOPIC_NAMESPACE}${service}:rate-limit:`) }
      : {}),
  };
}

/** The message of a 429 answer, the same for HTTP routes and refused Socket.IO handshakes. */
export function rateLimitMessage(env: ServiceEnvironment, retryAfterSeconds: number): string {
  return `Too many requests: at most ${env.RATE_LIMIT_PER_MINUTE} per ${env.RATE_LIMIT_WINDOW_MS} ms from one client; retry after ${retryAfterSeconds} s`;
}

// Waits for Redis at most the connect timeout: until it answers, each instance counts alone.
async function sharedStorage(redis: RedisConnections, keyPrefix: string): Promise<SharedThrottlerStorage> {
  const client = redis.open('rate limit', 'commands', keyPrefix);
  await redis.whenReady([client]);
  return new SharedThrottlerStorage(new ThrottlerStorageRedisService(client));
}

/**
 * @nestjs/throttler configured from the environment (see
 * throttlerOptionsFromEnvironment), its counts in Redis when REDIS_URL is set.
 * The service chooses what is limited: `@UseGuards(ThrottlerGuard)` on
 * controllers, or `ThrottlerGuard` as `APP_GUARD` for every route.
 */
@Module({})
export class RateLimitModule {
  static forRoot({ service }: { service: string }): DynamicModule {
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRootAsync({
          useFactory: (env: ServiceEnvironment, redis: RedisConnections) =>
            throttlerOptionsFromEnvironment(env, redis, service),
          inject: [ServiceEnvironment, RedisConnections],
        }),
      ],
      exports: [ThrottlerModule],
    };
  }
}
