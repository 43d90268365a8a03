// Prints, as JSON, the command that starts a disposable single-node Kafka broker
// on PORT (its controller on CONTROLLER_PORT) with its files under DIR:
// `node infra/kafka-command.mjs PORT CONTROLLER_PORT DIR [SASL_SSL_PORT]`. Formats DIR's
// storage the first time. End-to-end tests use it to run a broker they may stop and
// start at will; the jars must have been downloaded by a start before.
// With SASL_SSL_PORT the broker also listens there with SASL_SSL (PLAIN), its certificates
// and password in DIR/tls, and the JSON has saslSsl: { brokers, username, passwordFile, caFile }.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeKafkaProperties } from './lib/kafka-properties.mjs';
import { KAFKA_LOG4J_CONFIG, kafkaClasspath, kafkaJarsDir } from './lib/paths.mjs';
import { prepareSaslSsl } from './lib/sasl-ssl.mjs';

const [port, controllerPort, dataRoot, saslSslPort] = process.argv.slice(2);
if (!port || !controllerPort || !dataRoot) {
  console.error('usage: node infra/kafka-command.mjs PORT CONTROLLER_PORT DIR [SASL_SSL_PORT]');
  process.exit(2);
}
if (!fs.existsSync(path.join(kafkaJarsDir(), '.complete'))) {
  console.error(`no Kafka jars in ${kafkaJarsDir()}: run \`npm run infra\` once first`);
  process.exit(1);
}

const javaArgs = (mainClass, args) => [
  '-Xms128m',
  '-Xmx384m',
  '-XX:+UseG1GC',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
  `-Dlog4j2.configurationFile=${KAFKA_LOG4J_CONFIG}`,
  '-cp',
  kafkaClasspath(),
  mainClass,
  ...args,
];

// The shared broker's configuration, moved to this broker's ports and folder.
fs.mkdirSync(dataRoot, { recursive: true });
// stderr: stdout carries only the JSON
const saslSsl = saslSslPort
  ? prepareSaslSsl({
      tlsDir: path.join(dataRoot, 'tls'),
      port: Number(saslSslPort),
      log: (line) => console.error(line),
    })
  : undefined;
const properties = path.join(dataRoot, 'kafka.properties');
writeKafkaProperties(properties, { dataDir: dataRoot, port, controllerPort, saslSsl: saslSsl?.listener });

if (!fs.existsSync(path.join(dataRoot, 'kafka', 'meta.properties'))) {
  // Kafka ids are 16 random bytes in base64url; one starting with '-' would read as an option.
  let clusterId;
  do clusterId = crypto.randomBytes(16).toString('base64url');
  while (clusterId.startsWith('-'));
  execFileSync('java', javaArgs('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', properties]), {
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 120_000,
  });
}

console.log(
  JSON.stringify({ command: 'java', args: javaArgs('kafka.Kafka', [properties]), saslSsl: saslSsl?.details }),
);
