import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { AdminEndpoint } from '../access/admin.guard';
import { DeadLetterPageQuery, ReplayRequestDto } from './dead-letters.dto';
import { DeadLetterPage, DeadLettersService } from './dead-letters.service';
import { ReplayOutcome } from './dead-letter.replayer';
import { unavailableWhenRetriable } from './unavailable-when-retriable';

/** The dead-letter topic for operators (ADMIN_TOKEN): read it, and replay from it. */
@ApiTags('dead letters')
@AdminEndpoint()
@Controller('dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  list(@Query() query: DeadLetterPageQuery): Promise<DeadLetterPage> {
    return unavailableWhenRetriable(this.deadLetters.page(query));
  }

  @Post('replay')
  @HttpCode(200)
  replay(@Body() request: ReplayRequestDto): Promise<ReplayOutcome> {
    return unavailableWhenRetriable(this.deadLetters.replay(request));
  }
}
