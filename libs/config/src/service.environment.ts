import {
  ArrayNotEmpty,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { kafkaCaFileProblem, kafkaCaPemProblem } from './ca-certificates';
import { Explained, IntegerIn, IsRedisUrl, ToBoolean, ToList } from './environment.decorators';
import { mongodbUriProblem } from './mongodb-uri-problem';
import { Secret } from './secret.decorator';

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Shortest METRICS_TOKEN accepted: 32 characters, as many as a 192-bit random value in base64 (ADMIN_TOKEN's rule). */
const METRICS_TOKEN_MIN_LENGTH = 32;

/**
 * Variables every service of this system reads: HTTP, MongoDB and Kafka.
 * Defaults suit the local broker and database that `npm start` brings up.
 * A variable that holds a secret is marked `@Secret()`, so the logger keeps it out of every line.
 */
export class ServiceEnvironment {
  /** The quietest level still logged: debug, log, warn or error. */
  @IsIn(['debug', 'log', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'log' | 'warn' | 'error' = 'log';

  /** `json`: one JSON object per line, for log platforms; `pretty`: for a terminal (npm start). */
  @IsIn(['json', 'pretty'])
  LOG_FORMAT: 'json' | 'pretty' = 'json';

  @IntegerIn(1, 65535)
  PORT: number;

  /** `mongodb://` or, for Atlas, `mongodb+srv://`; checked in the form the driver accepts. */
  @Explained('mongodbUri', mongodbUriProblem)
  @Secret('uri-password')
  MONGODB_URI = 'mongodb://127.0.0.1:27017/';

  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,63}$/)
  MONGODB_DB_NAME = 'message-db';

  /** Upper bound of every database call, so a hung database becomes an error. */
  @IntegerIn(100, 120_000)
  MONGODB_TIMEOUT_MS = 5000;

  /**
   * The request line and headers must arrive within this (from the first byte
   * of a request, or from the connection's opening): a client trickling its
   * headers byte by byte is answered 408 and cut off past it.
   */
  @IntegerIn(100, 120_000)
  HTTP_HEADERS_TIMEOUT_MS = 10_000;

  /**
   * The whole request, body included, must arrive within this. It covers
   * receiving only: a long answer (an SSE stream, `Prefer: wait`) is not cut.
   */
  @IntegerIn(100, 600_000)
  @ValidateBy(
    {
      name: 'notShorterThanTheHeadersTimeout',
      validator: {
        validate: (value, args) => (value as number) >= (args?.object as ServiceEnvironment).HTTP_HEADERS_TIMEOUT_MS,
      },
    },
    { message: 'must not be shorter than HTTP_HEADERS_TIMEOUT_MS (the headers are part of the request)' },
  )
  HTTP_REQUEST_TIMEOUT_MS = 30_000;

  /**
   * A connection with a request in progress on which nothing moves for this
   * long is closed (a client that stops reading its answer, for one). Longer
   * than the quietest answer we give: 30 s of `Prefer: wait`, 25 s between
   * Socket.IO polling pings; SSE and WebSocket connections are exempt (their
   * libraries turn the socket's timeout off, heartbeats keep them alive).
   */
  @IntegerIn(1000, DAY_MS)
  HTTP_IDLE_TIMEOUT_MS = 60_000;

  /**
   * Requests one client (IP address) may make to one route per
   * RATE_LIMIT_WINDOW_MS (a minute unless changed); 0 turns rate limiting off.
   */
  @IntegerIn(0, 1_000_000_000)
  RATE_LIMIT_PER_MINUTE = 600;

  @IntegerIn(100, DAY_MS)
  RATE_LIMIT_WINDOW_MS = 60_000;

  /**
   * Proxies in front of the service that append the caller's address to
   * X-Forwarded-For (Render: 1). The rate limit then counts per caller, not per
   * proxy; 0 ignores the header, so a caller cannot choose its own address.
   */
  @IntegerIn(0, 10)
  TRUST_PROXY_HOPS = 0;

  /** Bound of each readiness check (database ping, Kafka metadata): past it, that check is down. */
  @IntegerIn(100, 30_000)
  HEALTH_TIMEOUT_MS = 2000;

  /** Connections per service to MongoDB; requests beyond wait in the driver's queue. */
  @IntegerIn(1, 500)
  MONGODB_MAX_POOL_SIZE = 20;

  @ToList()
  @ArrayNotEmpty()
  @Matches(HOST_PORT, { each: true, message: 'must be a comma-separated list of host:port' })
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  @IsString()
  @IsNotEmpty()
  KAFKA_CLIENT_ID: string;

  @ToBoolean()
  @IsBoolean()
  KAFKA_SSL = false;

  /**
   * A PEM file of the certificate authorities to trust instead of the system's (a local
   * broker's own CA); Confluent Cloud needs neither this nor KAFKA_SSL_CA_PEM.
   */
  @IsOptional()
  @Explained('caFile', kafkaCaFileProblem)
  KAFKA_SSL_CA_FILE?: string;

  /** The same as PEM text, for platforms where a file is awkward ("\n" escapes are read too). */
  @IsOptional()
  @Explained('caPem', kafkaCaPemProblem)
  KAFKA_SSL_CA_PEM?: string;

  @IsOptional()
  @IsIn(['plain', 'scram-sha-256', 'scram-sha-512'])
  KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512';

  @ValidateIf((env: ServiceEnvironment) => env.KAFKA_SASL_MECHANISM !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'is required when KAFKA_SASL_MECHANISM is set' })
  KAFKA_SASL_USERNAME?: string;

  @ValidateIf((env: ServiceEnvironment) => env.KAFKA_SASL_MECHANISM !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'is required when KAFKA_SASL_MECHANISM is set' })
  @Secret()
  KAFKA_SASL_PASSWORD?: string;

  /** Upper bound of a broker request (produce, commit, admin). */
  @IntegerIn(100, 120_000)
  KAFKA_REQUEST_TIMEOUT_MS = 10_000;

  /** Unset: 5 s, or 10 s with SASL (a TLS handshake over the internet); see kafkaTimeouts. */
  @IsOptional()
  @IntegerIn(100, 60_000)
  KAFKA_CONNECTION_TIMEOUT_MS?: number;

  /** Of every consumer group member. Unset: 30 s, or 45 s with SASL; see kafkaTimeouts. */
  @IsOptional()
  @IntegerIn(6000, 300_000)
  KAFKA_SESSION_TIMEOUT_MS?: number;

  /**
   * The most one produce request may carry: the smallest `max.message.bytes`
   * of the topics we write (the local broker's default is 1 MiB).
   */
  @IntegerIn(65_536, 100 * 1024 * 1024)
  KAFKA_MAX_REQUEST_BYTES = 1024 * 1024;

  /** Prefix for every topic name: lets several environments or tests share one cluster. */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]*$/)
  KAFKA_TOPIC_NAMESPACE = '';

  /**
   * Partitions of each topic created at start (the retry topic gets as many as the main one):
   * the most consumers of one group that can read at once.
   */
  @IntegerIn(1, 1000)
  KAFKA_TOPIC_PARTITIONS = 6;

  /**
   * An existing topic with fewer partitions than KAFKA_TOPIC_PARTITIONS is grown at start
   * when true; when false start-up only warns. Growing moves some keys to new partitions.
   */
  @ToBoolean()
  @IsBoolean()
  KAFKA_GROW_PARTITIONS = false;

  /** 1 locally; Confluent Cloud requires 3. */
  @IntegerIn(1, 10)
  KAFKA_TOPIC_REPLICATION_FACTOR = 1;

  /** Off on clusters that forbid topic creation by clients; the topics must exist then. */
  @ToBoolean()
  @IsBoolean()
  KAFKA_CREATE_TOPICS = true;

  /**
   * A start waits for Kafka and the database instead of exiting: the longest pause
   * between two attempts (they begin 1 s apart, doubling, half of each random).
   */
  @IntegerIn(100, 600_000)
  STARTUP_RETRY_MAX_DELAY_MS = 30_000;

  /** Bound of one start-up attempt to reach Kafka or the database (each call in it has its own). */
  @IntegerIn(1000, 600_000)
  STARTUP_ATTEMPT_TIMEOUT_MS = 60_000;

  /**
   * Redis, for what one instance cannot know alone: live push to the clients of
   * every client-b instance, one rate limit across every client-a instance. Unset:
   * each instance keeps these to itself, which is all one instance of each needs.
   * May carry a password (`redis://:secret@host:6379`); it is never logged.
   */
  @IsOptional()
  @IsRedisUrl()
  @Secret('uri-password')
  REDIS_URL?: string;

  /** Upper bound of a Redis connect and of each Redis command. */
  @IntegerIn(100, 60_000)
  REDIS_TIMEOUT_MS = 2000;

  /**
   * Bearer token of the admin endpoints. Known here so that the logger can keep
   * its value out of every line, whichever service's routes use it.
   */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @Secret()
  ADMIN_TOKEN?: string;

  /**
   * Bearer token of `GET /metrics`: set, a scrape without it is answered 401.
   * Unset, the metrics are public. Known here, as ADMIN_TOKEN is, so that the
   * logger keeps its value out of every line.
   */
  @IsOptional()
  @IsString()
  @MinLength(METRICS_TOKEN_MIN_LENGTH)
  @Secret()
  METRICS_TOKEN?: string;
}
