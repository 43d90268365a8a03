import { ServiceEnvironment } from '@app/config';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, ConnectionStates } from 'mongoose';

/**
 * Whether the database answers now. The connection state alone lags behind an
 * outage until the driver's next heartbeat, so the database is asked, with a bound.
 */
@Injectable()
export class DatabasePing {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async answers(timeoutMs: number): Promise<boolean> {
    if (this.connection.readyState !== ConnectionStates.connected) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const ping = this.connection.db!.command({ ping: 1 }).then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

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
