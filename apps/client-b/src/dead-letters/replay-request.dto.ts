import { Type } from 'class-transformer';
import { IsDate, IsDefined, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ERROR_CLASS_PATTERN } from './dead-letter-page.query';

const OFFSET = /^\d{1,19}$/;

/**
 * Body of POST /dead-letters/replay: one dead letter (`partition` and `offset`,
 * as GET /dead-letters lists them) or a filter (`errorClass`, `since`, `until`;
 * an empty body means every dead letter). Not both.
 */
export class ReplayRequestDto {
  @ValidateIf((body: ReplayRequestDto) => body.partition !== undefined || body.offset !== undefined)
  @IsDefined({ message: 'partition is required with offset' })
  @IsInt({ message: 'partition must be a whole number' })
  @Min(0)
  @Max(999_999)
  partition?: number;

  /** A string of digits (Kafka offsets are 64-bit), or a whole number. */
  @ValidateIf((body: ReplayRequestDto) => body.partition !== undefined || body.offset !== undefined)
  @IsDefined({ message: 'offset is required with partition' })
  @Type(() => String)
  @Matches(OFFSET, { message: 'offset must be a whole number (as a string or a number)' })
  offset?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(ERROR_CLASS_PATTERN, { message: 'errorClass must be an error class name, e.g. InjectedFaultError' })
  errorClass?: string;

  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'since must be an ISO 8601 date-time' })
  since?: Date;

  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'until must be an ISO 8601 date-time' })
  until?: Date;
}
