import { ServiceProcess } from './support/service.process';
import { testEnvironment } from './support/test-environment';

jest.setTimeout(60_000);

describe('configuration is validated at start-up', () => {
  it.each([
    ['client-a', { PORT: 'abc' }, 'PORT'],
    ['client-b', { KAFKA_BROKERS: 'not a broker' }, 'KAFKA_BROKERS'],
    ['client-b', { RETRY_BASE_DELAY_MS: '-5' }, 'RETRY_BASE_DELAY_MS'],
    ['client-b', { NODE_ENV: 'production' }, 'INBOX_TOKEN'],
    ['client-b', { ADMIN_TOKEN: 'super-secret-value' }, 'ADMIN_TOKEN'],
    ['client-a', { MONGODB_URI: 'postgres://x' }, 'MONGODB_URI'],
    // The driver's own error would quote these URIs, password and all.
    ['client-a', { MONGODB_URI: 'mongodb+srv://user:super-secret-value@/message-db' }, 'MONGODB_URI'],
    ['client-b', { MONGODB_URI: 'mongodb+srv://user:super-secret-value@cluster0.example.net:27017/' }, 'MONGODB_URI'],
    ['client-a', { KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/no/such/ca.pem' }, 'KAFKA_SSL_CA_FILE'],
    ['client-b', { KAFKA_SSL: 'true', KAFKA_SSL_CA_PEM: 'not a certificate' }, 'KAFKA_SSL_CA_PEM'],
    ['client-a', { KAFKA_SSL: 'true', KAFKA_SSL_CA_PEM: 'pem text', KAFKA_SSL_CA_FILE: '/etc/hostname' }, 'not both'],
    ['client-a', { KAFKA_SESSION_TIMEOUT_MS: '100' }, 'KAFKA_SESSION_TIMEOUT_MS'],
    ['client-a', { KAFKA_SASL_MECHANISM: 'plain' }, 'KAFKA_SASL_USERNAME'],
    ['client-a', { MESSAGE_MAX_LENGTH: '0' }, 'MESSAGE_MAX_LENGTH'],
    ['client-a', { MESSAGE_MAX_LENGTH: '100000' }, 'MESSAGE_MAX_LENGTH'],
    ['client-a', { RATE_LIMIT_PER_MINUTE: 'many' }, 'RATE_LIMIT_PER_MINUTE'],
    ['client-a', { IDEMPOTENCY_KEY_TTL_MS: '-1' }, 'IDEMPOTENCY_KEY_TTL_MS'],
    ['client-b', { RATE_LIMIT_PER_MINUTE: '-1' }, 'RATE_LIMIT_PER_MINUTE'],
    ['client-a', { METRICS_TOKEN: 'super-secret-value' }, 'METRICS_TOKEN'],
    ['client-b', { METRICS_TOKEN: 'super-secret-value' }, 'METRICS_TOKEN'],
    ['client-a', { HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' }, 'HTTP_REQUEST_TIMEOUT_MS'],
    ['client-b', { HTTP_IDLE_TIMEOUT_MS: '0' }, 'HTTP_IDLE_TIMEOUT_MS'],
  ] as const)('should stop %s naming the variable when %j', async (app, overrides, variable) => {
    const { kafkaBrokers, mongodbUri } = testEnvironment();
    const service = new ServiceProcess(app, {
      KAFKA_BROKERS: kafkaBrokers,
      MONGODB_URI: mongodbUri,
      KAFKA_SASL_PASSWORD: 'super-secret-value',
      ...overrides,
    });

    const exitCode = await service.exited;

    expect(exitCode).not.toBe(0);
    expect(service.logs).toContain(variable);
    expect(service.logs).not.toContain('super-secret-value');
  });
});
