import type Redis from 'ioredis';

/** One connection to Redis (ioredis' client): the only ioredis type the apps see. */
export type RedisClient = Redis;

/**
 * What a connection is for. `commands`: each command fails at once while
 * disconnected and is never sent twice. `subscriber`: its (few) subscriptions
 * wait for the connection and are made again after each reconnect.
 */
export type RedisRole = 'commands' | 'subscriber';
