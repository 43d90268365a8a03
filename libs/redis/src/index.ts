export * from './redis.module';
export * from './redis.connections';
export * from './redis.channel';
export * from './fail-soft-client';
export * from './failure.tally';
