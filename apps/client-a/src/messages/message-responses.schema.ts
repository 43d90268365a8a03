import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MessageStatusView } from '../delivery/delivery-status.reader';
import type { MessageStatus } from '../delivery/message-status.schema';
import type { SendMessageResult } from './messages.service';

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
