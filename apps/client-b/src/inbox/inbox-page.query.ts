import { CLIENT_ADDRESS_MAX_LENGTH, CLIENT_ADDRESS_PATTERN } from '@app/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { decodeInboxCursor, INBOX_CURSOR_MAX_LENGTH } from './inbox-message.view';

export const MAX_INBOX_PAGE = 500;

@ValidatorConstraint({ name: 'inboxCursor' })
class IsInboxCursor implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && decodeInboxCursor(value) !== undefined;
  }

  defaultMessage(): string {
    return 'before must be a nextCursor this service gave';
  }
}

/** Query of GET /messages; unknown parameters are refused by the global validation pipe. */
export class InboxPageQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_INBOX_PAGE,
    default: 50,
    description: 'Messages per page (a page also ends at 1 MiB of messages)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(MAX_INBOX_PAGE)
  limit = 50;

  /** The `nextCursor` of the previous page: only messages stored before it. */
  @ApiPropertyOptional({
    maxLength: INBOX_CURSOR_MAX_LENGTH,
    description: 'The `nextCursor` of the previous page: only messages stored before it',
  })
  @IsOptional()
  @Validate(IsInboxCursor)
  before?: string;

  @ApiPropertyOptional({
    pattern: CLIENT_ADDRESS_PATTERN.source,
    maxLength: CLIENT_ADDRESS_MAX_LENGTH,
    description: 'Only messages from this sender',
  })
  @IsOptional()
  @IsString()
  @MaxLength(CLIENT_ADDRESS_MAX_LENGTH)
  @Matches(CLIENT_ADDRESS_PATTERN, { message: 'from must be a sender address' })
  from?: string;

  /** Stored at or after this instant (ISO 8601). */
  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    description: 'Only messages stored at or after this instant',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'since must be an ISO 8601 date-time' })
  since?: Date;

  /** Stored before this instant (ISO 8601). */
  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'Only messages stored before this instant' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'until must be an ISO 8601 date-time' })
  until?: Date;
}
