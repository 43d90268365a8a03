import { EnvironmentModule, MESSAGING_TOPICS, ServiceEnvironment } from '@app/config';
import { MessagingTopics } from '@app/contracts';
import { kafkaOptionsFromEnvironment, KafkaModule } from '@app/kafka';
import { LoggingModule } from '@app/logging';
import { MongoModule } from '@app/mongo';
import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ClientAEnvironment } from './config/client-a.environment';
import { HealthController } from '@app/http';
import { MessagesModule } from './messages/messages.module';
import { ReceiptsModule } from './receipts/receipts.module';
import { throttlerOptionsFromEnvironment } from './config/throttler-options.factory';

@Module({
  imports: [
    EnvironmentModule.forRoot(ClientAEnvironment),
    LoggingModule.forRoot(),
    MongoModule.forRoot(),
    KafkaModule.registerAsync({
      useFactory: (env: ServiceEnvironment, topics: MessagingTopics) =>
        kafkaOptionsFromEnvironment(env, [topics.messages, topics.retry, topics.deadLetter, topics.status]),
      inject: [ServiceEnvironment, MESSAGING_TOPICS],
    }),
    ThrottlerModule.forRootAsync({ useFactory: throttlerOptionsFromEnvironment, inject: [ClientAEnvironment] }),
    MessagesModule,
    ReceiptsModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
