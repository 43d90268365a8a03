import { ServiceEnvironment, ToInteger } from '@app/config';
import { CLIENT_B_ADDRESS, CLIENT_B_GROUP_ID } from '@app/contracts';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

/** Everything client-b reads from the environment, validated once at boot. */
export class ClientBEnvironment extends ServiceEnvironment {
  override PORT = 3001;
  override KAFKA_CLIENT_ID = 'client-b';

  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/)
  KAFKA_GROUP_ID = CLIENT_B_GROUP_ID;

  /** The recipient whose messages this service keeps; others are ignored. */
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)
  INBOX_ADDRESS = CLIENT_B_ADDRESS;

  /** How often an idle SSE stream gets a `heartbeat` event, so proxies do not close it. */
  @ToInteger()
  @IsInt()
  @Min(100)
  @Max(600_000)
  SSE_HEARTBEAT_MS = 15_000;

  /** Retry n waits RETRY_BASE_DELAY_MS × 2^n: 2 s, 4 s, 8 s by default. */
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(600_000)
  RETRY_BASE_DELAY_MS = 1000;

  @ToInteger()
  @IsInt()
  @Min(0)
  @Max(10)
  RETRY_MAX_ATTEMPTS = 3;

  /** Retry records held in memory until due before the retry topic is paused. */
  @ToInteger()
  @IsInt()
  @Min(10)
  @Max(1_000_000)
  RETRY_MAX_HELD_RECORDS = 10_000;

  /** For demos and tests: messages whose text contains this fail with a retriable error. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  FAULT_INJECTION_MATCH?: string;
}
