import { EnvironmentModule, MESSAGING_TOPICS, ServiceEnvironment } from '@app/config';
import { MessagingTopics } from '@app/contracts';
import { HealthModule, HttpThrottlerGuard, RateLimitModule } from '@app/http';
import { KafkaHealth, kafkaOptionsFromEnvironment, KafkaModule } from '@app/kafka';
import { DatabaseHealth, MongoModule } from '@app/mongo';
import { MetricsModule } from '@app/metrics';
import { RedisModule } from '@app/redis';
import { LoggingModule } from '@app/logging';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminModule } from './admin/admin.module';
import { ClientBEnvironment } from './config/client-b.environment';
import { ConsumerHealth } from './health/consumer.health';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { InboxModule } from './inbox/inbox.module';
import { LiveModule } from './live/live.module';
import { SocketIoHandshakeThrottle } from './rate-limit/socket-io-handshake.throttle';

@Module({
  imports: [
    MetricsModule.forRoot({ service: 'client-b' }),
    EnvironmentModule.forRoot(ClientBEnvironment),
    LoggingModule.forRoot(),
    MongoModule.forRoot(),
    RedisModule.forRoot(),
    KafkaModule.registerAsync({
      useFactory: (env: ServiceEnvironment, topics: MessagingTopics) =>
        kafkaOptionsFromEnvironment(env, [topics.messages, topics.retry, topics.deadLetter, topics.status]),
      inject: [ServiceEnvironment, MESSAGING_TOPICS],
    }),
    RateLimitModule.forRoot({ service: 'client-b' }),
    InboxModule,
    LiveModule,
    HealthModule.forRoot({
      imports: [InboxModule],
      indicators: [DatabaseHealth, KafkaHealth, ConsumerHealth],
      providers: [ConsumerHealth],
    }),
    DeadLettersModule,
    AdminModule,
  ],
  providers: [
    // Every route counts against the caller's rate limit (the SSE stream's connections too), except the health probes.
    { provide: APP_GUARD, useClass: HttpThrottlerGuard },
    SocketIoHandshakeThrottle,
  ],
})
export class AppModule {}
