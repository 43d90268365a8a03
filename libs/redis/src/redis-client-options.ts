import type { RedisOptions } from 'ioredis';
import { reconnectDelay } from './reconnect-delay';
import { RedisRole } from './redis-client';

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
