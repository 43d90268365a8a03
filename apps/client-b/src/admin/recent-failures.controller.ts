import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, Query } from '@nestjs/common';
import { AdminEndpoint } from '../access/admin.guard';
import { RecentFailure, RecentFailures, RECENT_FAILURES_KEPT } from '../inbox/recent-failures';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Query of GET /admin/failures. */
export class RecentFailuresQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(RECENT_FAILURES_KEPT)
  limit = 20;
}

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
