import { ServiceEnvironment } from '@app/config';
import { DatabasePing } from '@app/mongo';
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from './api-error-responses.decorator';
import { HealthReportSchema } from './health-report.schema';

export interface HealthReport {
  status: 'ok';
  mongodb: 'up';
}

/** GET /health: 200 while the database answers a ping, 503 otherwise (for Render's health check). */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabasePing,
    private readonly env: ServiceEnvironment,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Whether the service can reach its database (the platform health check)' })
  @ApiOkResponse({ type: HealthReportSchema })
  @ApiErrorResponses({ 503: 'The database did not answer a ping in time' })
  async check(): Promise<HealthReport> {
    if (!(await this.database.answers(this.env.MONGODB_TIMEOUT_MS))) {
      throw new ServiceUnavailableException('MongoDB connection is down');
    }
    return { status: 'ok', mongodb: 'up' };
  }
}
