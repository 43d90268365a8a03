import { Type } from 'class-transformer';
import { IsDefined, IsInt, Matches, Max, Min, ValidateIf } from 'class-validator';
import { DeadLetterFilterFields } from './dead-letter-filter.fields';

const OFFSET = /^\d{1,19}$/;

/**
 * Body of POST /dead-letters/replay: one dead letter (`partition` and `offset`,
 * as GET /dead-letters lists them) or a filter (`errorClass`, `since`, `until`;
 * an empty body means every dead letter). Not both.
 */
export class ReplayRequestDto extends DeadLetterFilterFields {
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
}
