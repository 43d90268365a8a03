import { ServiceEnvironment } from '@app/config';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { DatabasePing } from './database.ping';

/** Readiness: MongoDB answers a ping within HEALTH_TIMEOUT_MS. */
@Injectable()
export class DatabaseHealth {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly ping: DatabasePing,
    private readonly env: ServiceEnvironment,
  ) {}

  async check(): Promise<HealthIndicatorResult> {
    const mongodb = this.health.check('mongodb');
    const answered = await this.ping.answers(this.env.HEALTH_TIMEOUT_MS);
    return answered
      ? mongodb.up()
      : mongodb.down({ message: `no answer to a ping within ${this.env.HEALTH_TIMEOUT_MS} ms` });
  }
}
