import { ADMIN_BEARER_AUTH } from '@app/http';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { AdminGuard } from '../access/admin.guard';
import { FaultInjector } from '../inbox/fault.injector';
import { FaultInjectionDto } from './fault-injection.dto';

interface FaultInjectionState {
  match: string | null;
}

/** Fault injection at run time (ADMIN_TOKEN), on this instance; FAULT_INJECTION_MATCH is where it starts. */
@ApiTags('admin')
@ApiBearerAuth(ADMIN_BEARER_AUTH)
@ApiUnauthorizedResponse({ description: 'No bearer token' })
@ApiForbiddenResponse({ description: 'Not ADMIN_TOKEN' })
@ApiServiceUnavailableResponse({ description: 'ADMIN_TOKEN is not set on this instance' })
@Controller('admin/fault-injection')
@UseGuards(AdminGuard)
export class FaultInjectionController {
  constructor(private readonly faults: FaultInjector) {}

  @Get()
  state(): FaultInjectionState {
    return { match: this.faults.match };
  }

  @Put()
  change(@Body() body: FaultInjectionDto): FaultInjectionState {
    this.faults.match = body.match;
    return { match: this.faults.match };
  }
}
