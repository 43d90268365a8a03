import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { FailureTally } from './failure.tally';
import { RedisChannel } from './redis.channel';
import { RedisClient, RedisRole } from './redis-client';
import { redisAddress } from './redis-address';
import { redisClientOptions } from './redis-client-options';
import { REDIS_MODULE_OPTIONS } from './redis.constants';
import { RedisModuleOptions } from './redis-module-options';

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
