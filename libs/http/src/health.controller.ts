import { ServiceEnvironment } from '@app/config';
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, ConnectionStates } from 'mongoose';

export interface HealthReport {
  status: 'ok';
  mongodb: 'up';
}

/**
 * GET /health: 200 while the database answers a ping, 503 otherwise (for
 * Render's health check). The connection state alone lags behind an outage
 * until the driver's next heartbeat, so the database is asked, with a bound.
 */
@Controller('health')
export class HealthController {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly env: ServiceEnvironment,
  ) {}

  @Get()
  async check(): Promise<HealthReport> {
    if (this.connection.readyState !== ConnectionStates.connected || !(await this.pings())) {
      throw new ServiceUnavailableException('MongoDB connection is down');
    }
    return { status: 'ok', mongodb: 'up' };
  }

  private async pings(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), this.env.MONGODB_TIMEOUT_MS)));
    const ping = this.connection.db!.command({ ping: 1 }).then(() => true, () => false);
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
