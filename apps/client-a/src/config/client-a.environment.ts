import { IntegerIn, ServiceEnvironment, ToList } from '@app/config';
import { CLIENT_A_RECEIPTS_GROUP_ID, DEFAULT_MESSAGE_MAX_LENGTH, MESSAGE_MAX_LENGTH_CEILING } from '@app/contracts';
import { ArrayNotEmpty, IsString, Matches } from 'class-validator';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Everything client-a reads from the environment, validated once at boot. */
export class ClientAEnvironment extends ServiceEnvironment {
  override PORT = 3000;
  override KAFKA_CLIENT_ID = 'client-a';

  /** Longest accepted message text, in characters (Unicode code points). */
  @IntegerIn(1, MESSAGE_MAX_LENGTH_CEILING)
  MESSAGE_MAX_LENGTH = DEFAULT_MESSAGE_MAX_LENGTH;

  /** How long an Idempotency-Key is remembered after its first use. */
  @IntegerIn(1000, 30 * DAY_MS)
  IDEMPOTENCY_KEY_TTL_MS = DAY_MS;

  /**
   * Upper bound of the publish inside a request. Past it the request is
   * answered 202 pending; the message stays queued and is published later.
   */
  @IntegerIn(100, 120_000)
  PUBLISH_TIMEOUT_MS = 5000;

  /**
   * Messages that may wait for Kafka at once (PUBLISH_QUEUE_MAX_BYTES bounds their
   * memory). While that many wait, new requests are refused with 503 before anything is stored.
   */
  @IntegerIn(1, 1_000_000)
  PUBLISH_QUEUE_CAPACITY = 10_000;

  /**
   * Bytes the messages waiting for Kafka may hold in memory (two a character, plus
   * about 512 each): past it new requests are refused with 503 and Retry-After
   * before anything is stored. 16 MiB of the 128 MB heap: about 1,700 messages of
   * 4,000 characters, or 10,000 short ones, survive a broker outage in memory.
   */
  @IntegerIn(16_384, 1024 * 1024 * 1024)
  PUBLISH_QUEUE_MAX_BYTES = 16 * 1024 * 1024;

  /** How often the outbox relay looks for messages left by a previous run or another instance. */
  @IntegerIn(100, 600_000)
  OUTBOX_RELAY_INTERVAL_MS = 1000;

  /** An outbox entry younger than this is left to the request that is still storing it. */
  @IntegerIn(0, 600_000)
  OUTBOX_RELAY_MIN_AGE_MS = 3000;

  /** Most messages the relay publishes in one round. */
  @IntegerIn(1, 10_000)
  OUTBOX_RELAY_BATCH_SIZE = 500;

  /**
   * Web origins whose pages may call client-a (CORS), comma-separated: by
   * default client-b's page on its local ports.
   */
  @ToList()
  @ArrayNotEmpty()
  @Matches(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, {
    each: true,
    message: 'must be a comma-separated list of http(s)://host[:port] origins',
  })
  CORS_ORIGINS: string[] = ['http://localhost:3001', 'http://127.0.0.1:3001'];

  /** The consumer group client-a reads delivery receipts in. */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/)
  RECEIPTS_GROUP_ID = CLIENT_A_RECEIPTS_GROUP_ID;
}
