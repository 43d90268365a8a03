// Brings up the infrastructure the two services need, without Docker:
// a real Apache Kafka broker and a MongoDB-compatible database (mongod or FerretDB),
// and, when asked, Redis (only several instances of a service need it).
// Read this file first; each step lives in its own file under lib/.
import fs from 'node:fs';
import { startDatabase, databasePrerequisites } from './lib/database.mjs';
import { ensureDebianTools } from './lib/debian-packages.mjs';
import { certificatesNeedMaking } from './lib/certificates.mjs';
import { startKafka, kafkaPrerequisites } from './lib/kafka.mjs';
import { acquireLock } from './lib/lock.mjs';
import { DATA_DIR, LOG_DIR, TLS_DIR } from './lib/paths.mjs';
import { checkPrerequisites } from './lib/prerequisites.mjs';
import { stopAll } from './lib/processes.mjs';
import { REDIS_TOOLS, redisPrerequisites, startRedis } from './lib/redis.mjs';
import { OPENSSL_TOOLS } from './lib/sasl-ssl.mjs';

export { ensureDebianTools, ensureKcat, ensureTestTools } from './lib/debian-packages.mjs';
export { cacheDir, KAFKA_TOOLS_LOG4J_CONFIG, kafkaClasspath, kafkaJarsDir } from './lib/paths.mjs';
export { PrerequisiteError } from './lib/prerequisites.mjs';
export { AlreadyRunningError } from './lib/lock.mjs';

const NO_LOCK = { recordChild: () => undefined, release: () => undefined };

// Resolves with { kafkaBrokers, mongodbUri, redisUrl, saslSsl, started, stop } once all answer.
// KAFKA_BROKERS / MONGODB_URI / REDIS_URL in the environment mean "use that server, start nothing".
// fresh: wipe .infra/data first (tests use it for an empty broker and database); .infra/tls stays.
// redis: also bring up Redis; without it redisUrl is undefined and Redis is left alone.
// saslSsl: the broker also listens with SASL_SSL (PLAIN) on PORTS.kafkaSaslSsl; saslSsl is then
// { brokers, username, passwordFile, caFile } (undefined without it, or with KAFKA_BROKERS set).
export async function bringUp({ log = console.log, fresh = false, redis = false, saslSsl = false } = {}) {
  const { KAFKA_BROKERS, MONGODB_URI, REDIS_URL } = process.env;
  // Servers named in the environment are someone else's: with none to start there is nothing to
  // guard, and `npm start` may run against the servers of an `npm test` that holds this checkout's lock.
  const startsNothing = Boolean(KAFKA_BROKERS && MONGODB_URI && (!redis || REDIS_URL));
  const lock = startsNothing ? NO_LOCK : await acquireLock(); // throws if another bringUp of this checkout is running
  const started = [];

  let stopping = null;
  const stop = () =>
    (stopping ??= (async () => {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      if (started.length) log(`stopping ${started.join(', ')}`);
      await stopAll(); // SIGTERM, then SIGKILL after 10 s, to each process group
      lock.release();
      if (started.length) log('stopped');
    })());
  // Ctrl-C or a kill stops everything we started, even halfway through a start.
  const exitAfterStop = (code) => () => stop().finally(() => process.exit(code));
  const onSigint = exitAfterStop(130);
  const onSigterm = exitAfterStop(143);
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);

  try {
    const startsRedis = redis && !REDIS_URL;
    const startsSaslSsl = saslSsl && !KAFKA_BROKERS;
    await checkPrerequisites([
      ...(KAFKA_BROKERS ? [] : [kafkaPrerequisites({ saslSsl })]),
      ...(MONGODB_URI ? [] : [databasePrerequisites()]),
      ...(startsRedis ? [redisPrerequisites()] : []),
    ]);
    // Before anything starts, so a failed install leaves nothing half-started (first run only).
    if (startsRedis) await ensureDebianTools(REDIS_TOOLS, { log });
    if (startsSaslSsl && certificatesNeedMaking(TLS_DIR)) await ensureDebianTools(OPENSSL_TOOLS, { log });
    if (saslSsl && KAFKA_BROKERS)
      log('kafka: no SASL_SSL listener of ours: KAFKA_BROKERS is set, so no broker is started');
    // Not without the lock: the data may be that of a bringUp that holds it.
    if (fresh && !startsNothing) fs.rmSync(DATA_DIR, { recursive: true, force: true });
    fs.mkdirSync(DATA_DIR, { recursive: true });
    fs.mkdirSync(LOG_DIR, { recursive: true });

    const register = (name, child) => {
      started.push(name);
      lock.recordChild(child.pid); // lets the next start clean up if this process is killed -9
      child.exited.then(() => stopping || log(`${name}: exited unexpectedly; see .infra/logs/${name}.log`));
    };
    const use = (what, value) => (log(`${what}: using ${value} (nothing started)`), value);
    const useOrStartRedis = () => (REDIS_URL ? use('redis', REDIS_URL) : startRedis({ log, register }));

    // Everything starts in parallel; wait for all, even if one fails.
    const [kafka, database, redisServer] = await Promise.allSettled([
      KAFKA_BROKERS ? { address: use('kafka', KAFKA_BROKERS) } : startKafka({ log, register, saslSsl }),
      MONGODB_URI ? use('mongodb', MONGODB_URI) : startDatabase({ log, register }),
      redis ? useOrStartRedis() : undefined,
    ]);
    for (const result of [kafka, database, redisServer]) if (result.status === 'rejected') throw result.reason;
    return {
      kafkaBrokers: kafka.value.address,
      mongodbUri: database.value,
      redisUrl: redisServer.value,
      saslSsl: kafka.value.saslSsl,
      started,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
