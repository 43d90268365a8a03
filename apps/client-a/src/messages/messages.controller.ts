import { IDEMPOTENCY_KEY_PATTERN, IDEMPOTENT_REPLAYED_HEADER } from '@app/contracts';
import { ApiErrorResponses, CorrelationId } from '@app/http';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  ServiceUnavailableException,
  UseGuards,
} from '@nestjs/common';
import {
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
  ApiProperty,
  ApiPropertyOptional,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { FastifyReply } from 'fastify';
import { IdempotencyKeyHeader } from '../idempotency/idempotency-key.pipe';
import { MessageLengthPipe } from './message-length.pipe';
import { MessageStatusView } from '../delivery/delivery-status.reader';
import { MessagesService, SendMessageResult } from './messages.service';
import { SendMessageDto } from './send-message.dto';
import type { MessageStatus } from '../delivery/message-status.repository';

const STATUSES: MessageStatus[] = ['pending', 'sent', 'delivered', 'ignored', 'dead-lettered'];

/** {@link SendMessageResult} as the OpenAPI document shows it. */
export class SendMessageResultSchema implements SendMessageResult {
  @ApiProperty({ format: 'uuid' })
  messageId: string;

  @ApiProperty({
    enum: STATUSES,
    description:
      '`sent` (201): Kafka has it; `pending` (202): stored, published later; with `Prefer: wait=N` (200): ' +
      "the final status from client-b's receipt, `delivered`, `ignored` or `dead-lettered`",
  })
  status: SendMessageResult['status'];
}

class HistoryEntrySchema {
  @ApiProperty({ enum: STATUSES })
  status: MessageStatus;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiPropertyOptional({ description: 'For a dead letter: the error client-b gave up on' })
  reason?: string;
}

/** {@link MessageStatusView} as the OpenAPI document shows it. */
export class MessageStatusViewSchema implements MessageStatusView {
  @ApiProperty({ format: 'uuid' })
  messageId: string;

  @ApiProperty({ example: 'clientA' })
  from: string;

  @ApiProperty({ example: 'clientB' })
  to: string;

  @ApiProperty({ example: 'Test success' })
  message: string;

  @ApiProperty({ format: 'date-time' })
  acceptedAt: string;

  @ApiProperty({ enum: STATUSES, description: 'The latest step of the history' })
  status: MessageStatus;

  @ApiProperty({ type: [HistoryEntrySchema] })
  history: HistoryEntrySchema[];
}

/** The longest `Prefer: wait` honoured, in seconds. */
export const MAX_PREFER_WAIT_SECONDS = 30;

/**
 * The seconds a `Prefer` header (RFC 7240) asks to wait, at most
 * MAX_PREFER_WAIT_SECONDS; undefined when it asks for no wait or is not one
 * we understand (preferences a server does not understand are ignored).
 */
export function preferredWaitSeconds(prefer: string | undefined): number | undefined {
  if (!prefer) return undefined;
  for (const preference of prefer.split(',')) {
    const match = /^\s*wait\s*=\s*"?(\d{1,6})"?\s*(?:;.*)?$/i.exec(preference);
    if (match) return Math.min(Number(match[1]), MAX_PREFER_WAIT_SECONDS);
  }
  return undefined;
}

const PREFERENCE_APPLIED_HEADER = 'preference-applied';
/** A 503's Retry-After: long enough for a database failover or the publish queue to drain a little. */
const NOT_ACCEPTED_RETRY_AFTER_SECONDS = 5;
const STATUS_CODE: Record<SendMessageResult['status'], HttpStatus> = {
  pending: HttpStatus.ACCEPTED,
  sent: HttpStatus.CREATED,
  delivered: HttpStatus.OK,
  ignored: HttpStatus.OK,
  'dead-lettered': HttpStatus.OK,
};

const CORRELATION_ID = {
  description: "The request's correlation id (the caller's X-Correlation-Id, or a new one)",
  schema: { type: 'string' },
};
const ANSWER_HEADERS = {
  'X-Correlation-Id': CORRELATION_ID,
  'Preference-Applied': {
    description: 'With `Prefer: wait=N`: the wait honoured, `wait=N`',
    schema: { type: 'string', example: 'wait=10' },
  },
  'Idempotent-Replayed': {
    description: '`true` when an earlier request with the same Idempotency-Key accepted this message',
    schema: { type: 'string', enum: ['true'] },
  },
};

@ApiTags('messages')
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
  @ApiOperation({
    summary: 'Send a message to another client',
    description:
      "Stores the sender's copy, then publishes the message to Kafka for client-b. With `Prefer: wait=N` the answer " +
      "waits up to N seconds for client-b's receipt.",
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeating a key repeats the first answer, never the message (remembered IDEMPOTENCY_KEY_TTL_MS)',
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
  })
  @ApiHeader({
    name: 'Prefer',
    required: false,
    description: `RFC 7240 \`wait=N\`: answer once client-b's receipt arrives, waiting at most N seconds (N ≤ ${MAX_PREFER_WAIT_SECONDS})`,
    schema: { type: 'string', example: 'wait=10' },
  })
  @ApiHeader({ name: 'X-Correlation-Id', required: false, ...CORRELATION_ID })
  @ApiResponse({
    status: 201,
    description: 'Kafka has the message (`sent`)',
    type: SendMessageResultSchema,
    headers: ANSWER_HEADERS,
  })
  @ApiResponse({
    status: 202,
    description: 'Stored; Kafka did not acknowledge it within PUBLISH_TIMEOUT_MS, it is published later (`pending`)',
    type: SendMessageResultSchema,
    headers: ANSWER_HEADERS,
  })
  @ApiResponse({
    status: 200,
    description: "With `Prefer: wait=N`: client-b's receipt came in time; the final status",
    type: SendMessageResultSchema,
    headers: ANSWER_HEADERS,
  })
  @ApiErrorResponses({
    400: 'A field, the JSON or the Idempotency-Key is invalid (`fields` names each)',
    413: 'The body is larger than 64 KB',
    415: 'The body is not JSON',
    422: 'The Idempotency-Key was used for a different message',
    429: 'Too many requests from this client (RATE_LIMIT_PER_MINUTE); `Retry-After` says when to try again',
    503: 'Nothing was stored: the database is unavailable, or too many messages wait for Kafka (PUBLISH_QUEUE_CAPACITY, PUBLISH_QUEUE_MAX_BYTES); `Retry-After` says when to try again',
    504: 'The database did not confirm in time whether the message was stored; `messageId` tells which to look up',
  })
  async send(
    @Body(MessageLengthPipe) dto: SendMessageDto,
    @IdempotencyKeyHeader() idempotencyKey: string | undefined,
    @Headers('prefer') prefer: string | undefined,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SendMessageResult> {
    const waitSeconds = preferredWaitSeconds(prefer);
    const deadline = waitSeconds ? Date.now() + waitSeconds * 1000 : undefined;
    const { result, replayed } = await this.messages
      .send(dto, correlationId, idempotencyKey, deadline)
      .catch((error: unknown) => {
        // Nothing was stored: the database or Kafka is away, a sender may try again shortly.
        if (error instanceof ServiceUnavailableException)
          void reply.header('retry-after', String(NOT_ACCEPTED_RETRY_AFTER_SECONDS));
        throw error;
      });
    void reply.status(STATUS_CODE[result.status]);
    if (waitSeconds !== undefined) void reply.header(PREFERENCE_APPLIED_HEADER, `wait=${waitSeconds}`);
    if (replayed) void reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
    return result;
  }

  @Get('messages/:id')
  @ApiOperation({ summary: 'Where a sent message has got to, with its status history' })
  @ApiParam({
    name: 'id',
    description: 'The messageId POST /send-message answered',
    schema: { type: 'string', format: 'uuid' },
  })
  @ApiResponse({ status: 200, type: MessageStatusViewSchema })
  @ApiErrorResponses({
    400: 'The id is not a UUID',
    404: 'No message with this id was sent from here',
    429: 'Too many requests from this client',
    503: 'The database is unavailable',
  })
  get(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<MessageStatusView> {
    return this.messages.view(id);
  }
}
