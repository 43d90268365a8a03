import { IDEMPOTENT_REPLAYED_HEADER } from '@app/contracts';
import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { FastifyReply } from 'fastify';
import { IdempotencyKeyHeader } from '../idempotency/idempotency-key.decorator';
import { MessageLengthPipe } from './message-length.pipe';
import { MessageStatusView } from '../delivery/delivery-status.reader';
import { MessagesService, SendMessageResult } from './messages.service';
import { SendMessageDto } from './send-message.dto';

@Controller()
@UseGuards(ThrottlerGuard)
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  /** 201 when Kafka has the message, 202 when it is stored and will be published; 503 not stored; 504 unknown. */
  @Post('send-message')
  async send(
    @Body(MessageLengthPipe) dto: SendMessageDto,
    @IdempotencyKeyHeader() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SendMessageResult> {
    const { result, replayed } = await this.messages.send(dto, idempotencyKey);
    void reply.status(result.status === 'pending' ? HttpStatus.ACCEPTED : HttpStatus.CREATED);
    if (replayed) void reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
    return result;
  }

  @Get('messages/:id')
  get(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<MessageStatusView> {
    return this.messages.view(id);
  }
}
