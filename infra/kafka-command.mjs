// Prints, as JSON, the command that starts a disposable single-node Kafka broker
// on PORT (its controller on CONTROLLER_PORT) with its files under DIR:
// `node infra/kafka-command.mjs PORT CONTROLLER_PORT DIR`. Formats DIR's storage
// the first time. End-to-end tests use it to run a broker they may stop and
// start at will; the jars must have been downloaded by a start before.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { KAFKA_LOG4J_CONFIG, KAFKA_PROPERTIES_TEMPLATE, PORTS, kafkaClasspath, kafkaJarsDir } from './lib/paths.mjs';

const [port, controllerPort, dataRoot] = process.argv.slice(2);
if (!port || !controllerPort || !dataRoot) {
  console.error('usage: node infra/kafka-command.mjs PORT CONTROLLER_PORT DIR');
  process.exit(2);
}
if (!fs.existsSync(path.join(kafkaJarsDir(), '.complete'))) {
  console.error(`no Kafka jars in ${kafkaJarsDir()}: run \`npm run infra\` once first`);
  process.exit(1);
}

const javaArgs = (mainClass, args) => [
  '-Xms128m', '-Xmx384m', '-XX:+UseG1GC', '-XX:+ExitOnOutOfMemoryError', '-Djava.awt.headless=true',
  `-Dlog4j2.configurationFile=${KAFKA_LOG4J_CONFIG}`,
  '-cp', kafkaClasspath(),
  mainClass, ...args,
];

// The shared broker's configuration, moved to this broker's ports and folder.
fs.mkdirSync(dataRoot, { recursive: true });
const properties = path.join(dataRoot, 'kafka.properties');
const template = fs.readFileSync(KAFKA_PROPERTIES_TEMPLATE, 'utf8');
fs.writeFileSync(
  properties,
  template
    .replaceAll('@DATA_DIR@', dataRoot)
    .replaceAll(`:${PORTS.kafkaController}`, `:${controllerPort}`)
    .replaceAll(`:${PORTS.kafka}`, `:${port}`),
);

if (!fs.existsSync(path.join(dataRoot, 'kafka', 'meta.properties'))) {
  // Kafka ids are 16 random bytes in base64url; one starting with '-' would read as an option.
  let clusterId;
  do clusterId = crypto.randomBytes(16).toString('base64url'); while (clusterId.startsWith('-'));
  execFileSync('java', javaArgs('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', properties]), {
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 120_000,
  });
}

console.log(JSON.stringify({ command: 'java', args: javaArgs('kafka.Kafka', [properties]) }));
