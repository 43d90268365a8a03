import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  IsDate,
  IsString,
  Matches,
  MaxLength,
  IsDefined,
  ValidateIf,
} from 'class-validator';
import { decodeDeadLetterCursor } from './dead-letter.reader';

/** What an error class looks like in our headers: a JavaScript class name. */
export const ERROR_CLASS_PATTERN = /^[A-Za-z_$][\w$.]{0,199}$/;

/** The filter GET /dead-letters and POST /dead-letters/replay share, validated the same way. */
export class DeadLetterFilterFields {
  /** Only dead letters whose last error has this class (`kafka_dlt-exception-fqcn`). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(ERROR_CLASS_PATTERN, { message: 'errorClass must be an error class name, e.g. InjectedFaultError' })
  errorClass?: string;

  /** Dead-lettered at or after this instant (ISO 8601). */
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'since must be an ISO 8601 date-time' })
  since?: Date;

  /** Dead-lettered before this instant (ISO 8601). */
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'until must be an ISO 8601 date-time' })
  until?: Date;
}

export const MAX_DEAD_LETTER_PAGE = 100;

@ValidatorConstraint({ name: 'deadLetterCursor' })
class IsDeadLetterCursor implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && decodeDeadLetterCursor(value) !== undefined;
  }

  defaultMessage(): string {
    return 'cursor must be <partition>:<offset>, e.g. a nextCursor this service gave';
  }
}

/** Query of GET /dead-letters; unknown parameters are refused by the global validation pipe. */
export class DeadLetterPageQuery extends DeadLetterFilterFields {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(MAX_DEAD_LETTER_PAGE)
  limit = 20;

  /** Where the page starts (inclusive): the `nextCursor` of the previous page. */
  @IsOptional()
  @Validate(IsDeadLetterCursor)
  cursor?: string;
}

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
