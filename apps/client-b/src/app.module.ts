import { EnvironmentModule, MESSAGING_TOPICS, ServiceEnvironment } from '@app/config';
import { MessagingTopics } from '@app/contracts';
import { kafkaOptionsFromEnvironment, KafkaModule } from '@app/kafka';
import { MongoModule } from '@app/mongo';
import { Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { ClientBEnvironment } from './config/client-b.environment';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { ClientBHealthController } from './health/client-b-health.controller';
import { InboxModule } from './inbox/inbox.module';
import { LiveModule } from './live/live.module';

@Module({
  imports: [
    EnvironmentModule.forRoot(ClientBEnvironment),
    MongoModule.forRoot(),
    KafkaModule.registerAsync({
      useFactory: (env: ServiceEnvironment, topics: MessagingTopics) =>
        kafkaOptionsFromEnvironment(env, [topics.messages, topics.retry, topics.deadLetter, topics.status]),
      inject: [ServiceEnvironment, MESSAGING_TOPICS],
    }),
    InboxModule,
    LiveModule,
    DeadLettersModule,
    AdminModule,
  ],
  controllers: [ClientBHealthController],
})
export class AppModule {}
