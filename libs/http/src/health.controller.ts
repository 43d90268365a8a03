import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, ConnectionStates } from 'mongoose';

export interface HealthReport {
  status: 'ok';
  mongodb: 'up';
}

/** GET /health: 200 while the database connection is up, 503 otherwise (for Render's health check). */
@Controller('health')
export class HealthController {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  @Get()
  check(): HealthReport {
    if (this.connection.readyState !== ConnectionStates.connected) {
      throw new ServiceUnavailableException('MongoDB connection is down');
    }
    return { status: 'ok', mongodb: 'up' };
  }
}
