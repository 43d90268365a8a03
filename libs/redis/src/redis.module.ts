import { ServiceEnvironment } from '@app/config';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { RedisConnections } from './redis.connections';
import { REDIS_MODULE_OPTIONS } from './redis.constants';
import { redisOptionsFromEnvironment } from './redis-options.from-environment';

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
