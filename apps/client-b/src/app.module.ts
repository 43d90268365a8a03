import {
  EnvironmentModule,
  kafkaOptionsFromEnvironment,
  MESSAGING_TOPICS,
  mongooseOptionsFromEnvironment,
  ServiceEnvironment,
} from '@app/config';
import { MessagingTopics } from '@app/contracts';
import { HealthController } from '@app/http';
import { KafkaModule } from '@app/kafka';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClientBEnvironment } from './config/client-b.environment';
import { InboxModule } from './inbox/inbox.module';

@Module({
  imports: [
    EnvironmentModule.forRoot(ClientBEnvironment),
    MongooseModule.forRootAsync({ useFactory: mongooseOptionsFromEnvironment, inject: [ServiceEnvironment] }),
    KafkaModule.registerAsync({
      useFactory: (env: ServiceEnvironment, topics: MessagingTopics) =>
        kafkaOptionsFromEnvironment(env, [topics.messages, topics.retry, topics.deadLetter, topics.status]),
      inject: [ServiceEnvironment, MESSAGING_TOPICS],
    }),
    InboxModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
