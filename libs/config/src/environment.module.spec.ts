import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { ServiceEnvironment } from './service.environment';
import { createEnvironmentValidator, InvalidEnvironmentError } from './environment.module';

class TestEnvironment extends ServiceEnvironment {
  override PORT = 3000;
  override KAFKA_CLIENT_ID = 'test-service';
}

const validate = createEnvironmentValidator(TestEnvironment);

function errorOf(raw: Record<string, unknown>): InvalidEnvironmentError {
  try {
    validate(raw);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) return error;
    throw error;
  }
  throw new Error('expected the environment to be rejected');
}

describe(createEnvironmentValidator.name, () => {
  it('should return the defaults when no variable is set', () => {
    // Act
    const environment = validate({});

    // Assert
    expect(environment).toBeInstanceOf(TestEnvironment);
    expect(environment).toMatchObject({
      PORT: 3000,
      KAFKA_CLIENT_ID: 'test-service',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_SSL: false,
      MONGODB_TIMEOUT_MS: 5000,
      KAFKA_CREATE_TOPICS: true,
    });
  });

  it.each([
    { raw: { PORT: 'abc' }, named: ['PORT'] },
    { raw: { PORT: '70000' }, named: ['PORT'] },
    { raw: { KAFKA_BROKERS: 'nohostport' }, named: ['KAFKA_BROKERS'] },
    { raw: { KAFKA_BROKERS: ' , ' }, named: ['KAFKA_BROKERS'] },
    { raw: { KAFKA_SSL: 'yes' }, named: ['KAFKA_SSL'] },
    { raw: { KAFKA_SASL_MECHANISM: 'plain' }, named: ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] },
    { raw: { KAFKA_SASL_MECHANISM: 'kerberos' }, named: ['KAFKA_SASL_MECHANISM'] },
    { raw: { MONGODB_URI: 'http://db' }, named: ['MONGODB_URI'] },
    { raw: { REDIS_URL: 'http://cache:6379' }, named: ['REDIS_URL'] },
    { raw: { REDIS_URL: 'redis://' }, named: ['REDIS_URL'] },
    { raw: { REDIS_URL: 'redis://cache:port' }, named: ['REDIS_URL'] },
    { raw: { REDIS_URL: 'redis://cache:99999' }, named: ['REDIS_URL'] },
    { raw: { REDIS_TIMEOUT_MS: '10' }, named: ['REDIS_TIMEOUT_MS'] },
    { raw: { MONGODB_URI: 'mongodb://app:pa@ss@db/' }, named: ['MONGODB_URI'] },
    { raw: { MONGODB_URI: 'mongodb+srv://user:pw@/db' }, named: ['MONGODB_URI'] },
    { raw: { KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/no/such/ca.pem' }, named: ['KAFKA_SSL_CA_FILE'] },
    { raw: { KAFKA_SSL: 'true', KAFKA_SSL_CA_PEM: 'not a certificate' }, named: ['KAFKA_SSL_CA_PEM'] },
    { raw: { KAFKA_SSL_CA_PEM: rootCertificates[0] }, named: ['KAFKA_SSL_CA_PEM'] },
    {
      raw: { KAFKA_SSL: 'true', KAFKA_SSL_CA_PEM: rootCertificates[0], KAFKA_SSL_CA_FILE: '/etc/ca.pem' },
      named: ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CA_PEM'],
    },
    { raw: { KAFKA_CONNECTION_TIMEOUT_MS: '10' }, named: ['KAFKA_CONNECTION_TIMEOUT_MS'] },
    { raw: { KAFKA_SESSION_TIMEOUT_MS: 'long' }, named: ['KAFKA_SESSION_TIMEOUT_MS'] },
  ])('should name $named when the environment is $raw', ({ raw, named }) => {
    // Act
    const error = errorOf(raw);

    // Assert
    named.forEach((variable) => expect(error.message).toContain(`- ${variable}:`));
  });

  it('should not name valid variables when another one is wrong', () => {
    // Act
    const error = errorOf({ PORT: 'abc', KAFKA_SSL: 'true' });

    // Assert
    expect(error.message).not.toContain('KAFKA_SSL');
  });

  it('should never echo the SASL password when another variable is wrong', () => {
    // Arrange
    const raw = {
      PORT: 'abc',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'user',
      KAFKA_SASL_PASSWORD: 's3cr3t-value',
    };

    // Act
    const error = errorOf(raw);

    // Assert
    expect(error.message).toContain('PORT');
    expect(error.message).not.toContain('s3cr3t-value');
  });

  it('should never echo a rejected value when it is a secret put in the wrong variable', () => {
    // Act
    const error = errorOf({ KAFKA_SASL_MECHANISM: 's3cr3t-value' });

    // Assert
    expect(error.message).toContain('KAFKA_SASL_MECHANISM');
    expect(error.message).not.toContain('s3cr3t-value');
  });

  it.each([
    'mongodb://127.0.0.1:27017/',
    'mongodb://app:p%40ss%2F1@db1:27017,db2:27017/message-db?replicaSet=rs0',
    'mongodb+srv://app:s3cret@cluster0.example.net/?retryWrites=true&appName=a@b',
    'mongodb://e2e:pw@127.0.0.1:27017/?authMechanism=PLAIN',
  ])('should accept the MongoDB URI %s', (MONGODB_URI) => {
    expect(validate({ MONGODB_URI })).toMatchObject({ MONGODB_URI });
  });

  it('should convert lists, integers and booleans when they are given as strings', () => {
    // Arrange
    const raw = { KAFKA_BROKERS: 'a:1, b:2', PORT: '8080', KAFKA_SSL: 'TRUE', KAFKA_TOPIC_PARTITIONS: ' 6 ' };

    // Act
    const environment = validate(raw);

    // Assert
    expect(environment).toMatchObject({
      KAFKA_BROKERS: ['a:1', 'b:2'],
      PORT: 8080,
      KAFKA_SSL: true,
      KAFKA_TOPIC_PARTITIONS: 6,
    });
  });

  it('should accept SASL settings when mechanism, username and password are all set', () => {
    // Arrange
    const raw = { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'user', KAFKA_SASL_PASSWORD: 'pw' };

    // Act
    const environment = validate(raw);

    // Assert
    expect(environment).toMatchObject(raw);
  });

  it('should leave Redis unset when REDIS_URL is not given, so each instance works alone', () => {
    // Act
    const environment = validate({});

    // Assert
    expect(environment.REDIS_URL).toBeUndefined();
    expect(environment.REDIS_TIMEOUT_MS).toBe(2000);
  });

  it.each(['redis://127.0.0.1:6380', 'rediss://default:p%40ss@cache.example.com:6380/2', 'redis://cache'])(
    'should accept the Redis URL %s',
    (url) => {
      // Act
      const environment = validate({ REDIS_URL: url });

      // Assert
      expect(environment.REDIS_URL).toBe(url);
    },
  );

  it('should never echo a Redis password when its URL is wrong', () => {
    // Act
    const error = errorOf({ REDIS_URL: 'redis://:s3cr3t-value@cache:port' });

    // Assert
    expect(error.message).toContain('REDIS_URL');
    expect(error.message).not.toContain('s3cr3t-value');
  });

  it.each([
    {
      raw: { MONGODB_URI: 'mongodb+srv://user:s3cr3t-value@cluster0.example.net:27017/' },
      reason: 'names its host without a port',
    },
    { raw: { KAFKA_SSL_CA_PEM: rootCertificates[0] }, reason: 'is only read with KAFKA_SSL=true' },
    { raw: { KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/no/such/ca.pem' }, reason: 'names no readable file' },
  ])('should say why, never echoing the value, when the environment is $raw', ({ raw, reason }) => {
    // Act
    const error = errorOf(raw);

    // Assert
    expect(error.message).toContain(reason);
    expect(error.message).not.toMatch(/s3cr3t-value|cluster0|\/no\/such|BEGIN CERTIFICATE/);
  });

  it('should accept a CA as a file or as PEM text when KAFKA_SSL is true', () => {
    // Arrange
    const file = join(mkdtempSync(join(tmpdir(), 'env-spec-')), 'ca.pem');
    writeFileSync(file, rootCertificates[0]);

    // Act
    const fromFile = validate({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: file });
    const fromText = validate({ KAFKA_SSL: 'true', KAFKA_SSL_CA_PEM: rootCertificates[0] });

    // Assert
    expect(fromFile.KAFKA_SSL_CA_FILE).toBe(file);
    expect(fromText.KAFKA_SSL_CA_PEM).toBe(rootCertificates[0]);
  });

  it('should leave the Kafka timeouts unset when they are not given, for kafkaTimeouts to choose', () => {
    // Act
    const environment = validate({
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'user',
      KAFKA_SASL_PASSWORD: 'pw',
    });

    // Assert
    expect(environment.KAFKA_CONNECTION_TIMEOUT_MS).toBeUndefined();
    expect(environment.KAFKA_SESSION_TIMEOUT_MS).toBeUndefined();
  });
});
