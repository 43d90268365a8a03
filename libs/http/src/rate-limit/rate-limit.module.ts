import { ServiceEnvironment } from '@app/config';
import { RedisConnections } from '@app/redis';
import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { throttlerOptionsFromEnvironment } from './throttler-options.factory';

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
