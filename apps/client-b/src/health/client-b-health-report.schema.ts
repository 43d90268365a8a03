import { HealthReportSchema } from '@app/http';
import { ApiProperty } from '@nestjs/swagger';
import type { ClientBHealthReport } from './client-b-health.controller';

class ConsumerHealthSchema {
  @ApiProperty({ example: 'client-b-group' })
  groupId: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'integer' } },
    example: { 'client-messages': [0, 1, 2], 'client-messages-retry': [0, 1, 2] },
    description: 'The partitions this instance reads now, by topic',
  })
  partitions: Record<string, number[]>;
}

/** {@link ClientBHealthReport} as the OpenAPI document shows it. */
export class ClientBHealthReportSchema extends HealthReportSchema implements ClientBHealthReport {
  @ApiProperty({ type: ConsumerHealthSchema })
  consumer: ConsumerHealthSchema;
}
