import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { FailureTally } from './failure.tally';
import { RedisChannel } from './redis.channel';
import type { RedisOptions } from 'ioredis';

/** What {@link RedisModule} needs to connect. */
export interface RedisModuleOptions {
  /** `redis://` or `rediss://`, possibly with credentials; unset: no Redis at all. */
  readonly url?: string;
  /** Upper bound of a connect and of each command. */
  readonly timeoutMs: number;
}

/** One connection to Redis (ioredis' client): the only ioredis type the apps see. */
export type RedisClient = Redis;

/**
 * What a connection is for. `commands`: each command fails at once while
 * disconnected and is never sent twice. `subscriber`: its (few) subscriptions
 * wait for the connection and are made again after each reconnect.
 */
export type RedisRole = 'commands' | 'subscriber';

/** DI token of the {@link RedisModuleOptions}. */
export const REDIS_MODULE_OPTIONS = Symbol('REDIS_MODULE_OPTIONS');

/** The longest wait between two reconnect attempts: a Redis that comes back is used again within it. */
export const RECONNECT_MAX_DELAY_MS = 2000;

/** The first wait after a connection is lost; each further attempt waits twice as long, up to the maximum. */
export const RECONNECT_FIRST_DELAY_MS = 100;

/**
 * The service's connections to Redis: each opened with bounded waits, each
 * outage logged once (never the URL's credentials), all closed at shutdown
 * after whatever the application still had to do with them.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly clients: RedisClient[] = [];

  constructor(@Inject(REDIS_MODULE_OPTIONS) private readonly options: RedisModuleOptions) {}

  /** Whether Redis is configured; without it, each instance keeps to itself what Redis would share. */
  get enabled(): boolean {
    return this.options.url !== undefined;
  }

  /** A new connection, named in the logs. It connects at once, and reconnects by itself for good. */
  open(name: string, role: RedisRole, keyPrefix?: string): RedisClient {
    if (this.options.url === undefined)
      throw new Error(`Redis connection "${name}" asked for, but no Redis URL is configured`);
    const client = new Redis(this.options.url, redisClientOptions(this.options.timeoutMs, role, keyPrefix));
    const address = redisAddress(this.options.url);
    const outage = new FailureTally(
      this.logger,
      `Redis connection "${name}" to ${address}`,
      'reconnecting, at most 2 s apart',
    );
    // Without a listener, ioredis would print every failed reconnect attempt.
    client.on('error', (error: Error) => outage.failed(error));
    client.on('ready', () => outage.succeeded());
    this.clients.push(client);
    return client;
  }

  /** A pub/sub channel on two connections of its own. */
  channel(name: string): RedisChannel {
    return new RedisChannel(
      name,
      this.open(`${name} (publish)`, 'commands'),
      this.open(`${name} (subscribe)`, 'subscriber'),
    );
  }

  /**
   * Waits, at most `withinMs` (the connect timeout unless given), for every
   * client to be ready; false when one is not (it goes on trying: a Redis down
   * at start-up is no reason not to start).
   */
  async whenReady(clients: RedisClient[], withinMs = this.options.timeoutMs): Promise<boolean> {
    const ready = await Promise.all(clients.map((client) => readyWithin(client, withinMs)));
    return ready.every(Boolean);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.clients.map((client) => this.close(client)));
  }

  // QUIT lets Redis answer what was sent before it; a Redis that does not answer is cut off.
  private async close(client: RedisClient): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.timeoutMs)));
    await Promise.race([client.quit().catch(() => undefined), timeout]);
    clearTimeout(timer);
    client.disconnect();
  }
}

function readyWithin(client: RedisClient, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const onReady = () => settle(true);
    const timer = setTimeout(() => settle(false), timeoutMs);
    const settle = (ready: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ready);
    };
    client.once('ready', onReady);
  });
}

/**
 * Where a Redis URL points, for logs: scheme, host and port, never the
 * credentials the URL may carry.
 */
export function redisAddress(url: string): string {
  try {
    const { protocol, hostname, port } = new URL(url);
    return `${protocol}//${hostname}:${port || '6379'}`;
  } catch {
    return 'Redis (unparseable URL)';
  }
}

/**
 * ioredis options for one connection, every wait bounded by `timeoutMs`:
 * the connect, each command, and the delay between reconnect attempts (which
 * never stop). `keyPrefix` goes before every key (not before channel names).
 */
export function redisClientOptions(timeoutMs: number, role: RedisRole, keyPrefix = ''): RedisOptions {
  return {
    keyPrefix,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    retryStrategy: reconnectDelay,
    ...(role === 'commands' ? COMMANDS : SUBSCRIBER),
  };
}

const COMMANDS: RedisOptions = {
  // A command fails at once while disconnected instead of waiting in memory for a reconnect,
  enableOfflineQueue: false,
  // and one cut off by a lost connection fails instead of being sent again: a PUBLISH that
  // reached Redis before the cut would reach every subscriber twice.
  maxRetriesPerRequest: 0,
  autoResendUnfulfilledCommands: false,
};

const SUBSCRIBER: RedisOptions = {
  // Only a handful of SUBSCRIBE commands are ever queued here: they wait for the first
  // connection (a Redis down at start-up) and are made again after every reconnect. Their
  // callers are still answered within the command timeout.
  enableOfflineQueue: true,
  maxRetriesPerRequest: null,
  autoResubscribe: true,
};

/**
 * How long to wait before reconnect attempt `attempt` (1, 2, ...): doubling
 * from the first delay, never more than the maximum. Attempts never stop, so
 * whatever waits on Redis resumes by itself once it is back.
 */
export function reconnectDelay(attempt: number): number {
  const doublings = Math.min(Math.max(attempt, 1) - 1, 30);
  return Math.min(RECONNECT_FIRST_DELAY_MS * 2 ** doublings, RECONNECT_MAX_DELAY_MS);
}
