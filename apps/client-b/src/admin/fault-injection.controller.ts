import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { AdminEndpoint } from '../access/admin.guard';
import { FaultInjector } from '../inbox/fault.injector';
import { FaultInjectionDto } from './fault-injection.dto';

interface FaultInjectionState {
  match: string | null;
}

/** Fault injection at run time (ADMIN_TOKEN), on this instance; FAULT_INJECTION_MATCH is where it starts. */
@ApiTags('admin')
@AdminEndpoint()
@Controller('admin/fault-injection')
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
