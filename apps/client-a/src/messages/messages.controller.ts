import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { MessagesService, SendMessageResult } from './messages.service';
import { SendMessageDto } from './send-message.dto';

@Controller()
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post('send-message')
  @HttpCode(HttpStatus.CREATED)
  send(@Body() dto: SendMessageDto): Promise<SendMessageResult> {
    return this.messages.send(dto);
  }
}
