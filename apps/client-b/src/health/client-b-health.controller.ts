import { HealthController, HealthReport } from '@app/http';
import { PartitionAssignment, RetryTopicServer } from '@app/kafka';
import { Controller, Get } from '@nestjs/common';
import { ClientBEnvironment } from '../config/client-b.environment';
import { DatabasePing } from '@app/mongo';

export interface ClientBHealthReport extends HealthReport {
  /** The partitions this instance reads now, by topic: how the group shares the work. */
  consumer: { groupId: string; partitions: PartitionAssignment };
}

/** GET /health of client-b: the database check, and the partitions this instance owns. */
@Controller('health')
export class ClientBHealthController extends HealthController {
  constructor(
    database: DatabasePing,
    private readonly clientBEnv: ClientBEnvironment,
    private readonly consumer: RetryTopicServer,
  ) {
    super(database, clientBEnv);
  }

  @Get()
  override async check(): Promise<ClientBHealthReport> {
    const report = await super.check();
    return { ...report, consumer: { groupId: this.clientBEnv.KAFKA_GROUP_ID, partitions: this.consumer.assignment() } };
  }
}
