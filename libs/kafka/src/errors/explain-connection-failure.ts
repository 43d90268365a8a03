// Node's codes for a certificate chain that does not lead to an authority we trust.
const UNTRUSTED_CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
}

/** The error and what it wraps: kafkajs puts the last attempt's error in `cause`. */
function* chainOf(error: unknown): Generator<ErrorLike> {
  for (let depth = 0; error && typeof error === 'object' && depth < 10; depth++) {
    yield error;
    error = (error as ErrorLike).cause;
  }
}

/**
 * One line saying why the first connection to Kafka failed when the cause is one that
 * waiting cannot cure (credentials, certificates), naming what to change; undefined
 * otherwise. Nothing in it comes from the environment, so no secret can show.
 */
export function explainConnectionFailure(error: unknown): string | undefined {
  for (const { name, code, message } of chainOf(error)) {
    if (name === 'KafkaJSSASLAuthenticationError') {
      // kafkajs' message is the broker's answer, e.g. "Authentication failed: Invalid username or password"
      return `Kafka authentication failed (${message}): check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD`;
    }
    if (code && UNTRUSTED_CERTIFICATE.has(code)) {
      return `Kafka broker certificate not trusted (${code}): set KAFKA_SSL_CA_FILE or KAFKA_SSL_CA_PEM to the certificate authority that signed it, or unset both for a publicly trusted broker`;
    }
    if (code === 'CERT_HAS_EXPIRED') return 'Kafka broker certificate expired (CERT_HAS_EXPIRED)';
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      return 'Kafka broker certificate does not name the host dialled (ERR_TLS_CERT_ALTNAME_INVALID): check KAFKA_BROKERS';
    }
  }
  return undefined;
}
