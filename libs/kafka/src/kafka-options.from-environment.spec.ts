import { ServiceEnvironment } from '@app/config';
import { rootCertificates } from 'node:tls';
import { kafkaOptionsFromEnvironment } from './kafka-options.from-environment';

function environment(values: Partial<ServiceEnvironment>): ServiceEnvironment {
  return Object.assign(new ServiceEnvironment(), { KAFKA_CLIENT_ID: 'test' }, values);
}

describe(kafkaOptionsFromEnvironment.name, () => {
  it('should use the local timeouts and no CA when SASL and TLS are off', () => {
    // Act
    const options = kafkaOptionsFromEnvironment(environment({}), []);

    // Assert
    expect(options).toMatchObject({
      ssl: false,
      sasl: undefined,
      caCertificates: undefined,
      connectionTimeoutMs: 5000,
    });
  });

  it("should use Confluent's connection timeout and the given CA when SASL and TLS are on", () => {
    // Arrange
    const env = environment({
      KAFKA_SSL: true,
      KAFKA_SSL_CA_PEM: rootCertificates[0],
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'key',
      KAFKA_SASL_PASSWORD: 'secret',
    });

    // Act
    const options = kafkaOptionsFromEnvironment(env, []);

    // Assert
    expect(options).toMatchObject({
      ssl: true,
      caCertificates: [rootCertificates[0].trim()],
      sasl: { mechanism: 'plain', username: 'key', password: 'secret' },
      connectionTimeoutMs: 10_000,
    });
  });

  it('should keep KAFKA_CONNECTION_TIMEOUT_MS when it is set with SASL on', () => {
    // Act
    const options = kafkaOptionsFromEnvironment(
      environment({
        KAFKA_SASL_MECHANISM: 'plain',
        KAFKA_SASL_USERNAME: 'k',
        KAFKA_SASL_PASSWORD: 's',
        KAFKA_CONNECTION_TIMEOUT_MS: 2500,
      }),
      [],
    );

    // Assert
    expect(options.connectionTimeoutMs).toBe(2500);
  });
});
