import { EnvironmentModule, kafkaOptionsFromEnvironment, MESSAGING_TOPICS, mongooseOptionsFromEnvironment, ServiceEnvironment } from '@app/config';
import { MessagingTopics } from '@app/contracts';
import { KafkaModule } from '@app/kafka';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ThrottlerModule } from '@nestjs/throttler';
import { ClientAEnvironment } from './config/client-a.environment';
import { HealthController } from '@app/http';
import { MessagesModule } from './messages/messages.module';
import { ReceiptsModule } from './receipts/receipts.module';
import { throttlerOptionsFromEnvironment } from './config/throttler-options.factory';

@Module({
  imports: [
    EnvironmentModule.forRoot(ClientAEnvironment),
    MongooseModule.forRootAsync({
      useFactory: mongooseOptionsFromEnvironment,
      inject: [ServiceEnvironment],
    }),
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
