// The broker's configuration file, from infra/kafka/server.properties: the shared
// broker's (lib/kafka.mjs) and a disposable one's on other ports (kafka-command.mjs).
import fs from 'node:fs';
import { KAFKA_PROPERTIES_TEMPLATE, PORTS } from './paths.mjs';
import { withSaslSslListener } from './sasl-ssl.mjs';

// saslSsl: the `listener` of prepareSaslSsl(), or undefined for the PLAINTEXT listener alone.
export function writeKafkaProperties(
  file,
  { dataDir, port = PORTS.kafka, controllerPort = PORTS.kafkaController, saslSsl },
) {
  let text = fs
    .readFileSync(KAFKA_PROPERTIES_TEMPLATE, 'utf8')
    .replaceAll('@DATA_DIR@', dataDir)
    .replaceAll(`:${PORTS.kafkaController}`, `:${controllerPort}`)
    .replaceAll(`:${PORTS.kafka}`, `:${port}`);
  if (saslSsl) text = withSaslSslListener(text, saslSsl);
  // It holds the listener's passwords when there is one: readable by this user only.
  fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600); // an older file keeps its mode through writeFileSync
}
