// The broker's SASL_SSL listener (PLAIN over TLS, as Confluent Cloud speaks it), so the
// services' Confluent settings are exercised here: certificates (certificates.mjs), one
// user `client` with a password generated at the first start and kept in a file beside
// them, and the lines that add the listener to the broker's configuration.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensureCertificates } from './certificates.mjs';
import { HOST, KAFKA_SASL_SSL_TEMPLATE } from './paths.mjs';

export const SASL_SSL_USERNAME = 'client';
const PASSWORD_FILE = 'client.password';

// openssl is needed only while certificates are still to be made (Debian's package).
export const OPENSSL_TOOLS = [{ command: 'openssl', pkg: 'openssl' }];

function ensurePassword(passwordFile) {
  if (!fs.existsSync(passwordFile)) {
    // base64url: nothing a JAAS string or a shell would have to escape
    fs.writeFileSync(passwordFile, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(passwordFile, 'utf8').trim();
}

// Makes what the listener on `port` needs in tlsDir (once) and returns
// { listener } for kafkaProperties() and { details } for whoever connects:
// { brokers, username, passwordFile, caFile }. The password itself is only in the file.
export function prepareSaslSsl({ tlsDir, port, log }) {
  const { caFile, keystoreFile, keystorePassword } = ensureCertificates(tlsDir, { log });
  const passwordFile = path.join(tlsDir, PASSWORD_FILE);
  const password = ensurePassword(passwordFile);
  return {
    listener: { port, keystoreFile, keystorePassword, username: SASL_SSL_USERNAME, password },
    details: { brokers: `${HOST}:${port}`, username: SASL_SSL_USERNAME, passwordFile, caFile },
  };
}

// server.properties text -> the same with the SASL_SSL listener added.
export function withSaslSslListener(properties, { port, keystoreFile, keystorePassword, username, password }) {
  const extend = (text, key, entry) => {
    const line = new RegExp(`^${key.replaceAll('.', '\\.')}=(.*)$`, 'm');
    if (!line.test(text)) throw new Error(`broker configuration has no ${key}= line to add the SASL_SSL listener to`);
    return text.replace(line, (_, value) => `${key}=${value},${entry}`);
  };
  let text = extend(properties, 'listeners', `SASL_SSL://${HOST}:${port}`);
  text = extend(text, 'advertised.listeners', `SASL_SSL://${HOST}:${port}`);
  text = extend(text, 'listener.security.protocol.map', 'SASL_SSL:SASL_SSL');
  const block = fs
    .readFileSync(KAFKA_SASL_SSL_TEMPLATE, 'utf8')
    .replaceAll('@SASL_USERNAME@', username)
    .replaceAll('@SASL_PASSWORD@', password)
    .replaceAll('@KEYSTORE_FILE@', keystoreFile)
    .replaceAll('@KEYSTORE_PASSWORD@', keystorePassword);
  return `${text.trimEnd()}\n\n${block}`;
}
