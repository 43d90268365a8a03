import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

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
