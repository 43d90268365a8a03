// Where everything lives. Nothing here is machine-specific: the project root
// is found from this file's own location and the cache from the home folder.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FERRETDB_BUILD_REVISION } from './ferretdb-index-fix.mjs';

// infra/lib/paths.mjs -> infra/ -> project root
export const INFRA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PROJECT_ROOT = path.dirname(INFRA_DIR);

// Per-checkout state (git-ignored): data survives restarts, logs are rewritten per start.
export const STATE_DIR = path.join(PROJECT_ROOT, '.infra');
export const DATA_DIR = path.join(STATE_DIR, 'data');
export const LOG_DIR = path.join(STATE_DIR, 'logs');
export const LOCK_FILE = path.join(STATE_DIR, 'run.lock');
// The SASL_SSL listener's certificate authority, broker certificate and passwords
// (lib/sasl-ssl.mjs). Beside DATA_DIR, not in it, so `fresh` keeps them: it empties
// topics and the database, while the CA is what clients were told to trust.
export const TLS_DIR = path.join(STATE_DIR, 'tls');

// Downloads and builds are shared by every clone on the machine, so a fresh
// clone does not fetch the Kafka jars or rebuild FerretDB again.
export function cacheDir() {
  return process.env.INFRA_CACHE_DIR
    ? path.resolve(process.env.INFRA_CACHE_DIR)
    : path.join(os.homedir(), '.cache', 'client-messaging');
}

export const KAFKA_POM = path.join(INFRA_DIR, 'kafka', 'pom.xml');
export const KAFKA_LOG4J_CONFIG = path.join(INFRA_DIR, 'kafka', 'log4j2.yaml');
// quieter configuration for the command-line tools (TopicCommand, ProducerPerformance)
export const KAFKA_TOOLS_LOG4J_CONFIG = path.join(INFRA_DIR, 'kafka', 'tools-log4j2.yaml');
export const KAFKA_PROPERTIES_TEMPLATE = path.join(INFRA_DIR, 'kafka', 'server.properties');
// what the SASL_SSL listener adds to it
export const KAFKA_SASL_SSL_TEMPLATE = path.join(INFRA_DIR, 'kafka', 'sasl-ssl.properties');

// The Kafka version is written once, in pom.xml; read it from there.
export const KAFKA_VERSION = readFileSync(KAFKA_POM, 'utf8').match(/<kafka\.version>([^<]+)</)[1];
export const FERRETDB_VERSION = 'v1.24.2';

export const HOST = '127.0.0.1';
// Redis on 6380, not its usual 6379, so a Redis the system runs is never touched.
// kafkaSaslSsl: the broker's second listener (SASL_SSL with PLAIN), only with saslSsl: true.
export const PORTS = { kafka: 9092, kafkaController: 9093, kafkaSaslSsl: 9094, mongodb: 27017, redis: 6380 };

// Jars of the broker and the Kafka tools; java expands the trailing `*` itself.
export function kafkaJarsDir() {
  return path.join(cacheDir(), `kafka-${KAFKA_VERSION}`, 'libs');
}
export function kafkaClasspath() {
  return path.join(kafkaJarsDir(), '*');
}

// The build revision names our one source change (ferretdb-index-fix.mjs), so a
// binary built without it is never taken for one built with it.
export function ferretdbBinary() {
  return path.join(cacheDir(), `ferretdb-${FERRETDB_VERSION}-${FERRETDB_BUILD_REVISION}`, 'bin', 'ferretdb');
}
