import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, Query } from '@nestjs/common';
import { AdminEndpoint } from '../access/admin.guard';
import { RecentFailure, RecentFailures } from '../inbox/recent-failures';
import { RecentFailuresQuery } from './recent-failures.query';

/** GET /admin/failures (ADMIN_TOKEN): this instance's latest failed attempts, newest first. */
@ApiTags('admin')
@AdminEndpoint()
@Controller('admin/failures')
export class RecentFailuresController {
  constructor(private readonly failures: RecentFailures) {}

  @Get()
  latest(@Query() query: RecentFailuresQuery): { failures: RecentFailure[] } {
    return { failures: this.failures.latest(query.limit) };
  }
}
