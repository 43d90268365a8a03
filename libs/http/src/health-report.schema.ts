import { ApiProperty } from '@nestjs/swagger';
import type { HealthReport } from './health.controller';

/** {@link HealthReport} as the OpenAPI document shows it. */
export class HealthReportSchema implements HealthReport {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';

  @ApiProperty({ enum: ['up'], description: 'The database answered a ping within MONGODB_TIMEOUT_MS' })
  mongodb: 'up';
}
