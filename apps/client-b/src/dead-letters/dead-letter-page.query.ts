import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { decodeDeadLetterCursor } from './dead-letter.cursor';

export const MAX_DEAD_LETTER_PAGE = 100;
/** What an error class looks like in our headers: a JavaScript class name. */
export const ERROR_CLASS_PATTERN = /^[A-Za-z_$][\w$.]{0,199}$/;

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
export class DeadLetterPageQuery {
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
