import { ServiceEnvironment } from '@app/config';
import { DatabasePing } from '@app/mongo';
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';

export interface HealthReport {
  status: 'ok';
  mongodb: 'up';
}

/** GET /health: 200 while the database answers a ping, 503 otherwise (for Render's health check). */
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabasePing,
    private readonly env: ServiceEnvironment,
  ) {}

  @Get()
  async check(): Promise<HealthReport> {
    if (!(await this.database.answers(this.env.MONGODB_TIMEOUT_MS))) {
      throw new ServiceUnavailableException('MongoDB connection is down');
    }
    return { status: 'ok', mongodb: 'up' };
  }
}
