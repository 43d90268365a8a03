import { RetryTopicServer } from '@app/kafka';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ClientBEnvironment } from '../config/client-b.environment';

/**
 * Readiness of client-b's consumer: in its group with partitions to read.
 * Reports them too, so an operator sees how the instances share the work.
 */
@Injectable()
export class ConsumerHealth {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly consumer: RetryTopicServer,
    private readonly env: ClientBEnvironment,
  ) {}

  check(): HealthIndicatorResult {
    const consumer = this.health.check('consumer');
    const partitions = this.consumer.assignment();
    const details = { groupId: this.env.KAFKA_GROUP_ID, partitions };
    if (Object.values(partitions).some((owned) => owned.length > 0)) return consumer.up(details);
    return consumer.down({
      ...details,
      message: 'no partitions assigned: not in the group yet, or more instances than partitions',
    });
  }
}
