import { ADMIN_BEARER_AUTH } from '@app/http';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { AdminGuard } from '../access/admin.guard';
import { RecentFailure, RecentFailures } from '../inbox/recent-failures';
import { RecentFailuresQuery } from './recent-failures.query';

/** GET /admin/failures (ADMIN_TOKEN): this instance's latest failed attempts, newest first. */
@ApiTags('admin')
@ApiBearerAuth(ADMIN_BEARER_AUTH)
@ApiUnauthorizedResponse({ description: 'No bearer token' })
@ApiForbiddenResponse({ description: 'Not ADMIN_TOKEN' })
@ApiServiceUnavailableResponse({ description: 'ADMIN_TOKEN is not set on this instance' })
@Controller('admin/failures')
@UseGuards(AdminGuard)
export class RecentFailuresController {
  constructor(private readonly failures: RecentFailures) {}

  @Get()
  latest(@Query() query: RecentFailuresQuery): { failures: RecentFailure[] } {
    return { failures: this.failures.latest(query.limit) };
  }
}
