#!/usr/bin/env node
// Only the infrastructure: `node infra/up.mjs`, then Ctrl-C to stop it.
// Prints the environment the services need to reach it.
import { bringUp } from './index.mjs';

try {
  const { kafkaBrokers, mongodbUri, started, stop } = await bringUp();
  console.log(`KAFKA_BROKERS=${kafkaBrokers} MONGODB_URI=${mongodbUri}`);
  if (started.length === 0) {
    await stop(); // both came from the environment: nothing to keep alive; frees the lock
    process.exit(0);
  }
  console.log('infrastructure is up; press Ctrl-C to stop it');
  setInterval(() => {}, 1 << 30); // stay alive; bringUp's signal handlers stop everything and exit
} catch (err) {
  console.error(`error: ${err.message}`);
  process.exit(1);
}
