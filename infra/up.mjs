#!/usr/bin/env node
// Only the infrastructure: `node infra/up.mjs [--redis] [--sasl-ssl]`, then Ctrl-C to stop it.
// Prints the environment the services need to reach it.
import { bringUp } from './index.mjs';

const redis = process.argv.includes('--redis'); // only several instances of a service need Redis
const saslSsl = process.argv.includes('--sasl-ssl'); // the broker's second listener, as Confluent Cloud

try {
  const { kafkaBrokers, mongodbUri, redisUrl, saslSsl: listener, started, stop } = await bringUp({ redis, saslSsl });
  console.log(`KAFKA_BROKERS=${kafkaBrokers} MONGODB_URI=${mongodbUri}${redis ? ` REDIS_URL=${redisUrl}` : ''}`);
  if (listener) {
    // The password stays in its file: the line reads it where it is pasted.
    console.log(
      `SASL_SSL: KAFKA_BROKERS=${listener.brokers} KAFKA_SSL=true KAFKA_SASL_MECHANISM=plain ` +
        `KAFKA_SASL_USERNAME=${listener.username} KAFKA_SASL_PASSWORD="$(cat ${listener.passwordFile})" ` +
        `KAFKA_SSL_CA_FILE=${listener.caFile}`,
    );
  }
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
