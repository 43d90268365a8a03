import { ServiceEnvironment } from '@app/config';
import { RedisModuleOptions } from './redis-module-options';

/** REDIS_URL (optional) and REDIS_TIMEOUT_MS of a service's validated environment. */
export function redisOptionsFromEnvironment(env: ServiceEnvironment): RedisModuleOptions {
  return { url: env.REDIS_URL, timeoutMs: env.REDIS_TIMEOUT_MS };
}
