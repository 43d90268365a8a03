import { IsISO8601, IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import {
  CLIENT_ADDRESS_MAX_LENGTH,
  CLIENT_ADDRESS_PATTERN,
  DEFAULT_MESSAGE_MAX_LENGTH,
} from './client-address.constants';

// Only the calendar form with a time and zone: week dates and basic format parse badly in JS.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/** The JSON value of a record on the client-messages topics. */
export class ClientMessagePayload {
  /** Assigned by client-a; the deduplication key downstream. */
  @IsUUID()
  messageId: string;

  @IsString()
  @MaxLength(CLIENT_ADDRESS_MAX_LENGTH)
  @Matches(CLIENT_ADDRESS_PATTERN)
  from: string;

  @IsString()
  @MaxLength(CLIENT_ADDRESS_MAX_LENGTH)
  @Matches(CLIENT_ADDRESS_PATTERN)
  to: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(DEFAULT_MESSAGE_MAX_LENGTH)
  message: string;

  /** When client-a accepted the message, as `Date.prototype.toISOString()` writes it. */
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(ISO_INSTANT, { message: 'acceptedAt must be an ISO 8601 instant like 2026-01-31T12:00:00.000Z' })
  acceptedAt: string;
}
