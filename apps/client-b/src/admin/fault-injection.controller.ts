import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { AdminEndpoint } from '../access/admin.guard';
import { FaultInjector } from '../inbox/fault.injector';
import { IsDefined, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

/** Body of PUT /admin/fault-injection: the text that makes messages fail, or null to stop. */
export class FaultInjectionDto {
  @IsDefined({ message: 'match is required: a text, or null to turn fault injection off' })
  @ValidateIf((body: FaultInjectionDto) => body.match !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  match!: string | null;
}

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
