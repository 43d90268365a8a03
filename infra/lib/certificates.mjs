// The SASL_SSL listener's certificates: a certificate authority of this checkout and a
// broker certificate it signs, valid for localhost and 127.0.0.1. Made with openssl the
// first time (about 0.1 s; Java's keytool takes 13 s for the same steps here) and kept,
// so a client told to trust ca.pem keeps trusting the broker across restarts.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const FILES = {
  caCert: 'ca.pem', // what clients trust: KAFKA_SSL_CA_FILE, kcat's ssl.ca.location
  caKey: 'ca.key',
  brokerCert: 'broker.pem',
  brokerKey: 'broker.key',
  keystore: 'broker.p12', // broker key, certificate and CA chain, for the JVM
  keystorePassword: 'keystore.password',
};
const CA_DAYS = 3650;
const BROKER_DAYS = 825;
// Made again this long before either certificate expires, not when a test is already failing.
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;
// As X509Certificate#subjectAltName prints them: the names clients dial.
const BROKER_NAMES = ['DNS:localhost', 'IP Address:127.0.0.1'];
const BROKER_EXTENSIONS = [
  'basicConstraints=CA:FALSE',
  'keyUsage=critical,digitalSignature',
  'extendedKeyUsage=serverAuth',
  'subjectAltName=DNS:localhost,IP:127.0.0.1',
].join('\n');

const file = (dir, name) => path.join(dir, FILES[name]);

// True when ensureCertificates(dir) would have to run openssl.
export function certificatesNeedMaking(dir) {
  try {
    if (!Object.keys(FILES).every((name) => fs.existsSync(file(dir, name)))) return true;
    const ca = new crypto.X509Certificate(fs.readFileSync(file(dir, 'caCert')));
    const broker = new crypto.X509Certificate(fs.readFileSync(file(dir, 'brokerCert')));
    const names = (broker.subjectAltName ?? '').split(', ');
    const expiresSoon = (cert) => Date.parse(cert.validTo) - Date.now() < RENEW_BEFORE_MS;
    return (
      !broker.checkIssued(ca) ||
      expiresSoon(ca) ||
      expiresSoon(broker) ||
      !BROKER_NAMES.every((name) => names.includes(name))
    );
  } catch {
    return true; // unreadable or not a certificate: make new ones
  }
}

function openssl(args, dir) {
  try {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  } catch (error) {
    const output = `${error.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
    throw new Error(
      `\`openssl ${args[0]}\` failed making the SASL_SSL certificates in ${dir}: ${output || error.message}`,
    );
  }
}

function makeCertificates(dir) {
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-noenc'];
  openssl(
    [
      'req',
      '-x509',
      ...ecKey,
      '-keyout',
      FILES.caKey,
      '-out',
      FILES.caCert,
      '-days',
      String(CA_DAYS),
      '-subj',
      '/CN=client-messaging local CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  openssl(['req', '-new', ...ecKey, '-keyout', FILES.brokerKey, '-out', 'broker.csr', '-subj', '/CN=localhost'], dir);
  fs.writeFileSync(path.join(dir, 'broker.ext'), `${BROKER_EXTENSIONS}\n`);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'broker.csr',
      '-CA',
      FILES.caCert,
      '-CAkey',
      FILES.caKey,
      '-set_serial',
      `0x${crypto.randomBytes(16).toString('hex')}`,
      '-days',
      String(BROKER_DAYS),
      '-extfile',
      'broker.ext',
      '-out',
      FILES.brokerCert,
    ],
    dir,
  );
  fs.writeFileSync(file(dir, 'keystorePassword'), crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
  openssl(
    [
      'pkcs12',
      '-export',
      '-in',
      FILES.brokerCert,
      '-inkey',
      FILES.brokerKey,
      '-certfile',
      FILES.caCert,
      '-name',
      'broker',
      '-passout',
      `file:${FILES.keystorePassword}`,
      '-out',
      FILES.keystore,
    ],
    dir,
  );
  for (const leftover of ['broker.csr', 'broker.ext']) fs.rmSync(path.join(dir, leftover), { force: true });
  for (const secret of ['caKey', 'brokerKey', 'keystore']) fs.chmodSync(file(dir, secret), 0o600);
}

// Resolves the certificate files in dir, making them first when missing, unreadable or
// close to expiry. Returns { caFile, keystoreFile, keystorePassword }.
export function ensureCertificates(dir, { log = console.log } = {}) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (certificatesNeedMaking(dir)) {
    const t0 = Date.now();
    makeCertificates(dir);
    log(
      `kafka: made a certificate authority and a broker certificate in ${dir} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  return {
    caFile: file(dir, 'caCert'),
    keystoreFile: file(dir, 'keystore'),
    keystorePassword: fs.readFileSync(file(dir, 'keystorePassword'), 'utf8').trim(),
  };
}
