import { ADMIN_BEARER_AUTH } from '@app/http';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { AdminGuard } from '../access/admin.guard';
import { DeadLetterPageQuery } from './dead-letter-page.query';
import { DeadLetterPage, DeadLettersService } from './dead-letters.service';
import { ReplayRequestDto } from './replay-request.dto';
import { ReplayOutcome } from './replay.tally';
import { unavailableWhenRetriable } from './unavailable-when-retriable';

/** The dead-letter topic for operators (ADMIN_TOKEN): read it, and replay from it. */
@ApiTags('dead letters')
@ApiBearerAuth(ADMIN_BEARER_AUTH)
@ApiUnauthorizedResponse({ description: 'No bearer token' })
@ApiForbiddenResponse({ description: 'Not ADMIN_TOKEN' })
@ApiServiceUnavailableResponse({ description: 'ADMIN_TOKEN is not set on this instance' })
@Controller('dead-letters')
@UseGuards(AdminGuard)
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
