import { EnvironmentModule, MESSAGING_TOPICS, ServiceEnvironment } from '@app/config';
import { MessagingTopics } from '@app/contracts';
import { HealthModule } from '@app/http';
import { KafkaHealth, kafkaOptionsFromEnvironment, KafkaModule } from '@app/kafka';
import { DatabaseHealth, MongoModule } from '@app/mongo';
import { MetricsModule } from '@app/metrics';
import { RedisModule } from '@app/redis';
import { LoggingModule } from '@app/logging';
import { Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { ClientBEnvironment } from './config/client-b.environment';
import { ConsumerHealth } from './health/consumer.health';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { InboxModule } from './inbox/inbox.module';
import { LiveModule } from './live/live.module';

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
})
export class AppModule {}
