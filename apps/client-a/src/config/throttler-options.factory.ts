import { clientAddress } from '@app/http';
import { RedisConnections } from '@app/redis';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerModuleOptions } from '@nestjs/throttler';
import { FastifyRequest } from 'fastify';
import { SharedThrottlerStorage } from '../rate-limit/shared-throttler.storage';
import { ClientAEnvironment } from './client-a.environment';

/**
 * Rate limit per client IP address, from RATE_LIMIT_PER_MINUTE per
 * RATE_LIMIT_WINDOW_MS; 0 requests turns it off. Behind TRUST_PROXY_HOPS
 * proxies the address is the one they forwarded. The guard sets `Retry-After`
 * (seconds) on the 429 answer. With REDIS_URL the counts are shared by every
 * instance (under the topic namespace, so deployments sharing a Redis keep
 * their own); without, each instance counts alone in memory.
 */
export async function throttlerOptionsFromEnvironment(env: ClientAEnvironment, redis: RedisConnections): Promise<ThrottlerModuleOptions> {
  const limit = env.RATE_LIMIT_PER_MINUTE;
  const windowMs = env.RATE_LIMIT_WINDOW_MS;
  return {
    throttlers: [{ limit, ttl: windowMs }],
    skipIf: () => limit === 0,
    getTracker: (request) => clientAddress((request as FastifyRequest).raw, env.TRUST_PROXY_HOPS),
    errorMessage: (_context, detail) =>
      `Too many requests: at most ${limit} per ${windowMs} ms from one client; retry after ${detail.timeToBlockExpire} s`,
    ...(redis.enabled && limit > 0 ? { storage: await sharedStorage(redis, env.KAFKA_TOPIC_NAMESPACE) } : {}),
  };
}

// Waits for Redis at most the connect timeout: until it answers, each instance counts alone.
async function sharedStorage(redis: RedisConnections, namespace: string): Promise<SharedThrottlerStorage> {
  const client = redis.open('rate limit', 'commands', `${namespace}client-a:rate-limit:`);
  await redis.whenReady([client]);
  return new SharedThrottlerStorage(new ThrottlerStorageRedisService(client));
}
