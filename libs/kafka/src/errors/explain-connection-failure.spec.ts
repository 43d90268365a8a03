import { explainConnectionFailure } from './explain-connection-failure';

// Shaped like kafkajs' errors: the last attempt's error is the cause of the retries' error.
function afterRetries(cause: object): Error {
  return Object.assign(new Error('retries exceeded'), { name: 'KafkaJSNumberOfRetriesExceeded', cause });
}
const tlsFailure = (code: string) => ({ name: 'KafkaJSConnectionError', code, message: `Connection error: ${code}` });
const saslFailure = {
  name: 'KafkaJSSASLAuthenticationError',
  message: 'SASL PLAIN authentication failed: Authentication failed: Invalid username or password',
};

describe(explainConnectionFailure.name, () => {
  it.each([
    {
      error: saslFailure,
      says: 'Kafka authentication failed (SASL PLAIN authentication failed: Authentication failed: Invalid username or password)',
    },
    {
      error: afterRetries(saslFailure),
      says: 'check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
    },
    {
      error: afterRetries(tlsFailure('SELF_SIGNED_CERT_IN_CHAIN')),
      says: 'Kafka broker certificate not trusted (SELF_SIGNED_CERT_IN_CHAIN)',
    },
    {
      error: afterRetries(tlsFailure('UNABLE_TO_VERIFY_LEAF_SIGNATURE')),
      says: 'set KAFKA_SSL_CA_FILE or KAFKA_SSL_CA_PEM',
    },
    { error: tlsFailure('DEPTH_ZERO_SELF_SIGNED_CERT'), says: 'certificate not trusted' },
    { error: tlsFailure('CERT_HAS_EXPIRED'), says: 'certificate expired' },
    { error: tlsFailure('ERR_TLS_CERT_ALTNAME_INVALID'), says: 'does not name the host dialled' },
  ])('should say "$says" when the failure is $error', ({ error, says }) => {
    // Act
    const line = explainConnectionFailure(error);

    // Assert
    expect(line).toContain(says);
  });

  it.each([
    { error: afterRetries(tlsFailure('ECONNREFUSED')) },
    { error: new Error('Connection timeout') },
    { error: undefined },
    { error: 'a string' },
  ])('should leave the error as it is when waiting may cure it: $error', ({ error }) => {
    // Act
    const line = explainConnectionFailure(error);

    // Assert
    expect(line).toBeUndefined();
  });
});
