import { readFileSync } from 'node:fs';

/** Where the broker, database and Redis of this test run are; `npm test` sets all three. */
export function testEnvironment(): { kafkaBrokers: string; mongodbUri: string; redisUrl: string } {
  const kafkaBrokers = process.env.KAFKA_BROKERS;
  const mongodbUri = process.env.MONGODB_URI;
  const redisUrl = process.env.REDIS_URL;
  if (!kafkaBrokers || !mongodbUri || !redisUrl) {
    throw new Error(
      'KAFKA_BROKERS, MONGODB_URI and REDIS_URL must be set: run the end-to-end tests through `npm test`',
    );
  }
  return { kafkaBrokers, mongodbUri, redisUrl };
}

/** The broker's SASL_SSL listener (PLAIN over TLS, as Confluent Cloud), with what a client needs to pass it. */
export interface SaslSslListener {
  brokers: string;
  username: string;
  password: string;
  caFile: string;
  caPem: string;
}

/**
 * `npm test` brings its broker up with a SASL_SSL listener and sets SASL_SSL_BROKERS,
 * SASL_SSL_USERNAME, SASL_SSL_PASSWORD_FILE and SASL_SSL_CA_FILE; the password is read from
 * its file here, so it is never in an environment a service or a log could show.
 */
export function saslSslListener(): SaslSslListener {
  const {
    SASL_SSL_BROKERS: brokers,
    SASL_SSL_USERNAME: username,
    SASL_SSL_PASSWORD_FILE: passwordFile,
    SASL_SSL_CA_FILE: caFile,
  } = process.env;
  if (!brokers || !username || !passwordFile || !caFile) {
    throw new Error(
      'SASL_SSL_BROKERS, SASL_SSL_USERNAME, SASL_SSL_PASSWORD_FILE and SASL_SSL_CA_FILE must be set: run through `npm test`, ' +
        'or start a broker with `node infra/kafka-command.mjs PORT CONTROLLER_PORT DIR SASL_SSL_PORT` and set them from the saslSsl it prints',
    );
  }
  return {
    brokers,
    username,
    password: readFileSync(passwordFile, 'utf8').trim(),
    caFile,
    caPem: readFileSync(caFile, 'utf8'),
  };
}
