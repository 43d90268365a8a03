import { ApiErrorResponses, HealthController, HealthReport } from '@app/http';
import { PartitionAssignment, RetryTopicServer } from '@app/kafka';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientBEnvironment } from '../config/client-b.environment';
import { DatabasePing } from '@app/mongo';
import { ClientBHealthReportSchema } from './client-b-health-report.schema';

export interface ClientBHealthReport extends HealthReport {
  /** The partitions this instance reads now, by topic: how the group shares the work. */
  consumer: { groupId: string; partitions: PartitionAssignment };
}

/** GET /health of client-b: the database check, and the partitions this instance owns. */
@ApiTags('health')
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
  @ApiOperation({ summary: 'Whether client-b can reach its database, and the partitions it reads' })
  @ApiOkResponse({ type: ClientBHealthReportSchema })
  @ApiErrorResponses({ 503: 'The database did not answer a ping in time' })
  override async check(): Promise<ClientBHealthReport> {
    const report = await super.check();
    return { ...report, consumer: { groupId: this.clientBEnv.KAFKA_GROUP_ID, partitions: this.consumer.assignment() } };
  }
}
