// A real single-node Apache Kafka broker (KRaft, no ZooKeeper) run straight
// from the jars on Maven Central: no Docker and no Kafka tarball needed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeKafkaProperties } from './kafka-properties.mjs';
import {
  DATA_DIR,
  HOST,
  KAFKA_LOG4J_CONFIG,
  KAFKA_POM,
  KAFKA_VERSION,
  LOG_DIR,
  PORTS,
  TLS_DIR,
  cacheDir,
  kafkaClasspath,
  kafkaJarsDir,
} from './paths.mjs';
import { canConnect, runTool, spawnService, waitUntil } from './processes.mjs';
import { prepareSaslSsl } from './sasl-ssl.mjs';

const READY_DEADLINE_MS = 60_000;
const STARTED_LINE = 'Kafka Server started'; // logged by KafkaRaftServer once it serves clients
const JARS_MARKER = '.complete'; // written only after Maven copied every jar

const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);
const jarsReady = () => fs.existsSync(path.join(kafkaJarsDir(), JARS_MARKER));

export function kafkaPrerequisites({ saslSsl = false } = {}) {
  return {
    commands: jarsReady() ? ['java'] : ['java', 'mvn'],
    ports: [
      { port: PORTS.kafka, name: 'Kafka' },
      { port: PORTS.kafkaController, name: 'Kafka controller' },
      ...(saslSsl ? [{ port: PORTS.kafkaSaslSsl, name: 'Kafka SASL_SSL listener' }] : []),
    ],
  };
}

// Copies the jars listed in infra/kafka/pom.xml into the cache, once per Kafka version.
async function ensureJars(log) {
  if (jarsReady()) return;
  const libs = kafkaJarsDir();
  const t0 = Date.now();
  log(`kafka: downloading Apache Kafka ${KAFKA_VERSION} jars (first run only)`);
  fs.rmSync(libs, { recursive: true, force: true }); // leftovers of an interrupted download
  await runTool(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      KAFKA_POM,
      // Maven's own repository also lives in our cache, so ~/.m2 is left alone
      `-Dmaven.repo.local=${path.join(cacheDir(), 'm2')}`,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${libs}`,
      '-DincludeScope=runtime',
    ],
    { timeoutMs: 15 * 60_000 },
  );
  fs.writeFileSync(path.join(libs, JARS_MARKER), `${new Date().toISOString()}\n`);
  log(`kafka: jars ready in ${seconds(t0)} s (${libs})`);
}

// Kafka ids are 16 random bytes in base64url (22 characters). One that starts
// with '-' would be read as a command-line option, so draw again.
function newClusterId() {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function javaArgs(mainClass, args) {
  return [
    '-Xms256m',
    '-Xmx512m',
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${KAFKA_LOG4J_CONFIG}`,
    '-cp',
    kafkaClasspath(),
    mainClass,
    ...args,
  ];
}

function readFrom(file, offset) {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.max(0, size - offset));
    fs.readSync(fd, buffer, 0, buffer.length, offset);
    return buffer.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

// Starts the broker; resolves with { address } (its PLAINTEXT bootstrap address) once
// clients can use it, and with saslSsl also { saslSsl: { brokers, username, passwordFile, caFile } }.
// register(name, child) is called as soon as the process exists, so it can be stopped.
export async function startKafka({ log, register, saslSsl = false }) {
  await ensureJars(log);
  const t0 = Date.now();
  const logFile = path.join(LOG_DIR, 'kafka.log');
  fs.writeFileSync(logFile, ''); // one log per start: easier to read, and ready-detection needs it

  // Fill the template with this checkout's data folder (and the SASL_SSL listener if asked).
  const listener = saslSsl ? prepareSaslSsl({ tlsDir: TLS_DIR, port: PORTS.kafkaSaslSsl, log }) : undefined;
  const properties = path.join(DATA_DIR, 'kafka.properties');
  writeKafkaProperties(properties, { dataDir: DATA_DIR, saslSsl: listener?.listener });

  // KRaft needs its storage formatted with a cluster id once; data is kept across starts.
  if (!fs.existsSync(path.join(DATA_DIR, 'kafka', 'meta.properties'))) {
    log('kafka: formatting a new data folder');
    await runTool('java', javaArgs('kafka.tools.StorageTool', ['format', '-t', newClusterId(), '-c', properties]), {
      logFile,
      timeoutMs: 120_000,
    });
  }

  const offset = fs.statSync(logFile).size; // look for the started line only in this run's output
  const child = spawnService('java', javaArgs('kafka.Kafka', [properties]), { logFile });
  register('kafka', child);
  await waitUntil(async () => (await canConnect(PORTS.kafka)) && readFrom(logFile, offset).includes(STARTED_LINE), {
    what: 'kafka',
    deadlineMs: READY_DEADLINE_MS,
    child,
    logFile,
  });
  const address = `${HOST}:${PORTS.kafka}`;
  log(`kafka: started on ${address}${listener ? ` and SASL_SSL ${listener.details.brokers}` : ''} in ${seconds(t0)} s`);
  return { address, saslSsl: listener?.details };
}
