import { IDEMPOTENT_REPLAYED_HEADER } from '@app/contracts';
import { CorrelationId } from '@app/http';
import { Body, Controller, Get, Headers, HttpStatus, Param, ParseUUIDPipe, Post, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { FastifyReply } from 'fastify';
import { IdempotencyKeyHeader } from '../idempotency/idempotency-key.decorator';
import { MessageLengthPipe } from './message-length.pipe';
import { MessageStatusView } from '../delivery/delivery-status.reader';
import { MessagesService, SendMessageResult } from './messages.service';
import { preferredWaitSeconds } from './prefer-wait';
import { SendMessageDto } from './send-message.dto';

const PREFERENCE_APPLIED_HEADER = 'preference-applied';
const STATUS_CODE: Record<SendMessageResult['status'], HttpStatus> = {
  pending: HttpStatus.ACCEPTED,
  sent: HttpStatus.CREATED,
  delivered: HttpStatus.OK,
  ignored: HttpStatus.OK,
  'dead-lettered': HttpStatus.OK,
};

@Controller()
@UseGuards(ThrottlerGuard)
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  /**
   * 201 when Kafka has the message, 202 when it is stored and will be published;
   * with `Prefer: wait=N`, 200 and the final status when client-b's receipt comes
   * within N seconds. 503 not stored; 504 outcome unknown.
   */
  @Post('send-message')
  async send(
    @Body(MessageLengthPipe) dto: SendMessageDto,
    @IdempotencyKeyHeader() idempotencyKey: string | undefined,
    @Headers('prefer') prefer: string | undefined,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SendMessageResult> {
    const waitSeconds = preferredWaitSeconds(prefer);
    const deadline = waitSeconds ? Date.now() + waitSeconds * 1000 : undefined;
    const { result, replayed } = await this.messages.send(dto, correlationId, idempotencyKey, deadline);
    void reply.status(STATUS_CODE[result.status]);
    if (waitSeconds !== undefined) void reply.header(PREFERENCE_APPLIED_HEADER, `wait=${waitSeconds}`);
    if (replayed) void reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
    return result;
  }

  @Get('messages/:id')
  get(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<MessageStatusView> {
    return this.messages.view(id);
  }
}
