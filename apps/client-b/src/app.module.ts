import { EnvironmentModule, MESSAGING_TOPICS, ServiceEnvironment } from '@app/config';
import { MessagingTopics } from '@app/contracts';
import { kafkaOptionsFromEnvironment, KafkaModule } from '@app/kafka';
import { LoggingModule } from '@app/logging';
import { MongoModule } from '@app/mongo';
import { Module } from '@nestjs/common';
import { ClientBEnvironment } from './config/client-b.environment';
import { ClientBHealthController } from './health/client-b-health.controller';
import { InboxModule } from './inbox/inbox.module';
import { LiveModule } from './live/live.module';

@Module({
  imports: [
    EnvironmentModule.forRoot(ClientBEnvironment),
    LoggingModule.forRoot(),
    MongoModule.forRoot(),
    KafkaModule.registerAsync({
      useFactory: (env: ServiceEnvironment, topics: MessagingTopics) =>
        kafkaOptionsFromEnvironment(env, [topics.messages, topics.retry, topics.deadLetter, topics.status]),
      inject: [ServiceEnvironment, MESSAGING_TOPICS],
    }),
    InboxModule,
    LiveModule,
  ],
  controllers: [ClientBHealthController],
})
export class AppModule {}
