import { ApiProperty } from '@nestjs/swagger';

// Each check: `{status: 'up' | 'down', ...what it reports}`, keyed by its name.
const CHECKS = {
  type: 'object' as const,
  additionalProperties: { type: 'object' as const, additionalProperties: true },
};

/** terminus' report, as the OpenAPI document shows it. */
export class HealthCheckResultSchema {
  @ApiProperty({ enum: ['ok', 'error'] })
  status!: 'ok' | 'error';

  @ApiProperty({
    ...CHECKS,
    description: 'The checks that are up',
    example: { mongodb: { status: 'up' }, kafka: { status: 'up', brokers: 1 } },
  })
  info!: Record<string, unknown>;

  @ApiProperty({
    ...CHECKS,
    description: 'The checks that are down, each with its reason',
    example: { mongodb: { status: 'down', message: 'no answer to a ping within 2000 ms' } },
  })
  error!: Record<string, unknown>;

  @ApiProperty({
    ...CHECKS,
    description: "Every check; client-b's `consumer` lists the partitions the instance reads, by topic",
    example: { consumer: { status: 'up', groupId: 'client-b-group', partitions: { 'client-messages': [0, 1, 2] } } },
  })
  details!: Record<string, unknown>;
}
