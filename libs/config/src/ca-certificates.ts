import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { ProblemOf } from './environment.decorators';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
// A CA bundle is a few kilobytes; anything this large is the wrong file.
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * The PEM certificates in `text`, one string each. A PEM pasted into a dashboard as one
 * line with literal "\n" escapes (Render, CI secrets) is read as well.
 */
export function pemCertificates(text: string): string[] {
  return text.replaceAll('\\n', '\n').match(PEM_CERTIFICATE) ?? [];
}

/** Why `text` is not a usable list of PEM certificates, or undefined when every one parses. */
export function pemCertificatesProblem(text: unknown): string | undefined {
  if (typeof text !== 'string') return 'must be PEM text';
  const certificates = pemCertificates(text);
  if (certificates.length === 0)
    return 'holds no PEM certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)';
  const broken = certificates.findIndex((pem) => !parses(pem));
  return broken === -1 ? undefined : `certificate ${broken + 1} of ${certificates.length} does not parse as X.509`;
}

/** Why `path` is not a readable PEM file of certificates, or undefined when it is one. */
export function pemFileProblem(path: unknown): string | undefined {
  if (typeof path !== 'string') return 'must be a path';
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return 'names something that is not a file';
    if (stats.size > MAX_FILE_BYTES) return 'names a file over 1 MB, not a PEM certificate';
    return pemCertificatesProblem(readFileSync(path, 'utf8'));
  } catch {
    return 'names no readable file';
  }
}

/**
 * The certificate authorities Kafka clients trust instead of the system's: from
 * KAFKA_SSL_CA_FILE or KAFKA_SSL_CA_PEM (validated at start-up, so they parse), or
 * undefined for Node's own list, which is what Confluent Cloud's certificates need.
 */
export function kafkaCaCertificates(env: {
  KAFKA_SSL_CA_FILE?: string;
  KAFKA_SSL_CA_PEM?: string;
}): string[] | undefined {
  if (env.KAFKA_SSL_CA_FILE !== undefined) return pemCertificates(readFileSync(env.KAFKA_SSL_CA_FILE, 'utf8'));
  if (env.KAFKA_SSL_CA_PEM !== undefined) return pemCertificates(env.KAFKA_SSL_CA_PEM);
  return undefined;
}

function parses(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

// KAFKA_SSL_CA_FILE and KAFKA_SSL_CA_PEM are two ways to say one thing, and only mean something with TLS.
const caSource =
  (other: 'KAFKA_SSL_CA_FILE' | 'KAFKA_SSL_CA_PEM', problemOfValue: ProblemOf): ProblemOf =>
  (value, env) => {
    if (env[other] !== undefined) return 'set KAFKA_SSL_CA_FILE or KAFKA_SSL_CA_PEM, not both';
    if (env.KAFKA_SSL !== true) return 'is only read with KAFKA_SSL=true';
    return problemOfValue(value, env);
  };

export const kafkaCaFileProblem = caSource('KAFKA_SSL_CA_PEM', pemFileProblem);
export const kafkaCaPemProblem = caSource('KAFKA_SSL_CA_FILE', pemCertificatesProblem);
