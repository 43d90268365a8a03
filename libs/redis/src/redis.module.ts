import { ServiceEnvironment } from '@app/config';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { RedisConnections, REDIS_MODULE_OPTIONS, RedisModuleOptions } from './redis.connections';

/** REDIS_URL (optional) and REDIS_TIMEOUT_MS of a service's validated environment. */
export function redisOptionsFromEnvironment(env: ServiceEnvironment): RedisModuleOptions {
  return { url: env.REDIS_URL, timeoutMs: env.REDIS_TIMEOUT_MS };
}

/**
 * The service's Redis connections, from its validated environment
 * (REDIS_URL, REDIS_TIMEOUT_MS). Registered whether or not REDIS_URL is set:
 * `RedisConnections.enabled` tells the features which way to work.
 */
@Global()
@Module({})
export class RedisModule {
  static forRoot(): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        { provide: REDIS_MODULE_OPTIONS, useFactory: redisOptionsFromEnvironment, inject: [ServiceEnvironment] },
        RedisConnections,
      ],
      exports: [RedisConnections],
    };
  }
}
