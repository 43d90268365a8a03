import { EnvironmentModule, MESSAGING_TOPICS, ServiceEnvironment } from '@app/config';
import { MessagingTopics } from '@app/contracts';
import { HealthModule, RateLimitModule } from '@app/http';
import { KafkaHealth, kafkaOptionsFromEnvironment, KafkaModule } from '@app/kafka';
import { DatabaseHealth, MongoModule } from '@app/mongo';
import { MetricsModule } from '@app/metrics';
import { RedisModule } from '@app/redis';
import { LoggingModule } from '@app/logging';
import { Module } from '@nestjs/common';
import { ClientAEnvironment } from './config/client-a.environment';
import { MessagesModule } from './messages/messages.module';
import { ReceiptsModule } from './receipts/receipts.module';

@Module({
  imports: [
    MetricsModule.forRoot({ service: 'client-a' }),
    EnvironmentModule.forRoot(ClientAEnvironment),
    LoggingModule.forRoot(),
    MongoModule.forRoot(),
    RedisModule.forRoot(),
    KafkaModule.registerAsync({
      useFactory: (env: ServiceEnvironment, topics: MessagingTopics) =>
        kafkaOptionsFromEnvironment(env, [topics.messages, topics.retry, topics.deadLetter, topics.status]),
      inject: [ServiceEnvironment, MESSAGING_TOPICS],
    }),
    RateLimitModule.forRoot({ service: 'client-a' }),
    MessagesModule,
    ReceiptsModule,
    HealthModule.forRoot({ indicators: [DatabaseHealth, KafkaHealth] }),
  ],
})
export class AppModule {}
