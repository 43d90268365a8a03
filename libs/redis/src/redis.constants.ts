/** DI token of the {@link RedisModuleOptions}. */
export const REDIS_MODULE_OPTIONS = Symbol('REDIS_MODULE_OPTIONS');

/** The longest wait between two reconnect attempts: a Redis that comes back is used again within it. */
export const RECONNECT_MAX_DELAY_MS = 2000;

/** The first wait after a connection is lost; each further attempt waits twice as long, up to the maximum. */
export const RECONNECT_FIRST_DELAY_MS = 100;
