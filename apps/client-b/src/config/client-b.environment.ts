import { IntegerIn, Secret, ServiceEnvironment } from '@app/config';
import { CLIENT_B_ADDRESS, CLIENT_B_GROUP_ID } from '@app/contracts';
import { IsOptional, IsString, Matches, MaxLength, MinLength, ValidateBy, ValidateIf } from 'class-validator';
import { hostname } from 'node:os';

const DEFAULT_MAX_RETRIES = 3;
/** Shortest ADMIN_TOKEN or INBOX_TOKEN accepted: 32 characters, as many as a 192-bit random value in base64. */
const TOKEN_MIN_LENGTH = 32;

/** Everything client-b reads from the environment, validated once at boot. */
export class ClientBEnvironment extends ServiceEnvironment {
  override PORT = 3001;
  override KAFKA_CLIENT_ID = 'client-b';

  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/)
  KAFKA_GROUP_ID = CLIENT_B_GROUP_ID;

  /**
   * The transactional id of this instance's forwards to the retry and dead-letter topics.
   * Unset: `<KAFKA_GROUP_ID>-forwards-<host name>-<PORT>`, which differs between the live
   * instances and stays the same across restarts of one (so a restart fences what it left open).
   */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,249}$/)
  KAFKA_TRANSACTIONAL_ID?: string;

  get forwardTransactionalId(): string {
    const host = hostname()
      .replace(/[^A-Za-z0-9.-]/g, '-')
      .slice(0, 100);
    return this.KAFKA_TRANSACTIONAL_ID ?? `${this.KAFKA_GROUP_ID}-forwards-${host}-${this.PORT}`;
  }

  /** The recipient whose messages this service keeps; others are ignored. */
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)
  INBOX_ADDRESS = CLIENT_B_ADDRESS;

  /** How often an idle SSE stream gets a `heartbeat` event, so proxies do not close it. */
  @IntegerIn(100, 600_000)
  SSE_HEARTBEAT_MS = 15_000;

  /** Open SSE streams this instance serves at once; one more is answered 503 with Retry-After. */
  @IntegerIn(1, 100_000)
  SSE_MAX_CONNECTIONS = 500;

  /** Sockets of the /inbox namespace this instance serves at once; one more is refused at its handshake. */
  @IntegerIn(1, 100_000)
  SOCKET_MAX_CONNECTIONS = 500;

  /** Retry n waits RETRY_BASE_DELAY_MS × 2^n: 2 s, 4 s, 8 s by default. */
  @IntegerIn(1, 600_000)
  RETRY_BASE_DELAY_MS = 1000;

  /** Retries before the dead-letter topic: a record is processed at most 1 + this many times (attempts). */
  @IsOptional()
  @IntegerIn(0, 10)
  RETRY_MAX_RETRIES?: number;

  /** The old name of RETRY_MAX_RETRIES (it always counted retries, not attempts); still read. */
  @IsOptional()
  @IntegerIn(0, 10)
  @ValidateBy(
    {
      name: 'notBesideItsNewName',
      validator: { validate: (_value, args) => (args?.object as ClientBEnvironment).RETRY_MAX_RETRIES === undefined },
    },
    { message: 'is the old name of RETRY_MAX_RETRIES: set only one of them' },
  )
  RETRY_MAX_ATTEMPTS?: number;

  /** Retries before the dead-letter topic: RETRY_MAX_RETRIES, else its old name, else 3. */
  get maxRetries(): number {
    return this.RETRY_MAX_RETRIES ?? this.RETRY_MAX_ATTEMPTS ?? DEFAULT_MAX_RETRIES;
  }

  /** Retry records held in memory until due before the retry topic is paused. */
  @IntegerIn(10, 1_000_000)
  RETRY_MAX_HELD_RECORDS = 10_000;

  /**
   * For demos and tests: messages whose text contains this fail with a retriable error.
   * The initial value only: `PUT /admin/fault-injection` changes it while the service runs.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  FAULT_INJECTION_MATCH?: string;

  /** `production` makes the inbox private: INBOX_TOKEN is then required. */
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /**
   * The bearer token of the admin endpoints (dead letters, replay, fault injection, the
   * consumer's state). Unset: they answer 503. Long enough not to be guessed.
   */
  @IsOptional()
  @IsString()
  @MinLength(TOKEN_MIN_LENGTH)
  override ADMIN_TOKEN?: string = undefined;

  /**
   * The bearer token of the inbox (GET /messages, GET /messages/stream, Socket.IO /inbox).
   * Required when NODE_ENV=production; elsewhere the inbox is open unless it is set.
   */
  @ValidateIf((env: ClientBEnvironment) => env.INBOX_TOKEN !== undefined || env.NODE_ENV === 'production')
  @ValidateBy({ name: 'requiredWhenNodeEnvIsProduction', validator: { validate: (value) => value !== undefined } })
  @IsString()
  @MinLength(TOKEN_MIN_LENGTH)
  @Secret()
  INBOX_TOKEN?: string;
}
