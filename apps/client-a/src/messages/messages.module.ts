import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClientMessagePublisher } from './client-message.publisher';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';
import { SentMessage, SentMessageSchema } from './sent-message.schema';
import { SentMessageRepository } from './sent-message.repository';

@Module({
  imports: [MongooseModule.forFeature([{ name: SentMessage.name, schema: SentMessageSchema }])],
  controllers: [MessagesController],
  providers: [MessagesService, SentMessageRepository, ClientMessagePublisher],
})
export class MessagesModule {}
