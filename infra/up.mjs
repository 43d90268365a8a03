#!/usr/bin/env node
// Only the infrastructure: `node infra/up.mjs [--redis]`, then Ctrl-C to stop it.
// Prints the environment the services need to reach it.
import { bringUp } from './index.mjs';

const redis = process.argv.includes('--redis'); // only several instances of a service need Redis

try {
  const { kafkaBrokers, mongodbUri, redisUrl, started, stop } = await bringUp({ redis });
  console.log(`KAFKA_BROKERS=${kafkaBrokers} MONGODB_URI=${mongodbUri}${redis ? ` REDIS_URL=${redisUrl}` : ''}`);
  if (started.length === 0) {
    await stop(); // all came from the environment: nothing to keep alive; frees the lock
    process.exit(0);
  }
  console.log('infrastructure is up; press Ctrl-C to stop it');
  setInterval(() => {}, 1 << 30); // stay alive; bringUp's signal handlers stop everything and exit
} catch (err) {
  console.error(`error: ${err.message}`);
  process.exit(1);
}
