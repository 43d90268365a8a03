import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { decodeDeadLetterCursor } from './dead-letter.cursor';
import { DeadLetterFilterFields } from './dead-letter-filter.fields';

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
