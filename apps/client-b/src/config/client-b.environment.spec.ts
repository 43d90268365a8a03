import { createEnvironmentValidator, declaredSecrets, InvalidEnvironmentError } from '@app/config';
import { ClientBEnvironment } from './client-b.environment';

const validate = createEnvironmentValidator(ClientBEnvironment);
const TOKEN = 'x'.repeat(32);

function messageOf(raw: Record<string, string>): string {
  try {
    validate(raw);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) return error.message;
    throw error;
  }
  return '';
}

describe(ClientBEnvironment.name, () => {
  it.each<{ raw: Record<string, string>; named: string }>([
    { raw: { NODE_ENV: 'production' }, named: 'INBOX_TOKEN' },
    { raw: { NODE_ENV: 'production', INBOX_TOKEN: 'short' }, named: 'INBOX_TOKEN' },
    { raw: { INBOX_TOKEN: 'short' }, named: 'INBOX_TOKEN' },
    { raw: { ADMIN_TOKEN: 'x'.repeat(31) }, named: 'ADMIN_TOKEN' },
    { raw: { RETRY_MAX_RETRIES: '2', RETRY_MAX_ATTEMPTS: '2' }, named: 'RETRY_MAX_ATTEMPTS' },
    { raw: { RETRY_MAX_ATTEMPTS: 'many' }, named: 'RETRY_MAX_ATTEMPTS' },
    { raw: { SSE_MAX_CONNECTIONS: '0' }, named: 'SSE_MAX_CONNECTIONS' },
    { raw: { SSE_MAX_CONNECTIONS: 'lots' }, named: 'SSE_MAX_CONNECTIONS' },
    { raw: { SOCKET_MAX_CONNECTIONS: '100001' }, named: 'SOCKET_MAX_CONNECTIONS' },
  ])('should refuse to start naming $named when the environment is $raw', ({ raw, named }) => {
    // Act
    const message = messageOf(raw);

    // Assert
    expect(message).toContain(`- ${named}:`);
    expect(message).not.toContain('short');
  });

  it.each([
    { raw: {}, inboxToken: undefined },
    { raw: { NODE_ENV: 'production', INBOX_TOKEN: TOKEN }, inboxToken: TOKEN },
    { raw: { NODE_ENV: 'development', ADMIN_TOKEN: TOKEN }, inboxToken: undefined },
  ])('should start when the environment is $raw', ({ raw, inboxToken }) => {
    expect(validate(raw).INBOX_TOKEN).toBe(inboxToken);
  });

  it.each([
    { raw: {}, maxRetries: 3 },
    { raw: { RETRY_MAX_RETRIES: '1' }, maxRetries: 1 },
    { raw: { RETRY_MAX_ATTEMPTS: '2' }, maxRetries: 2 },
    { raw: { RETRY_MAX_RETRIES: '0' }, maxRetries: 0 },
  ])('should allow $maxRetries retries when the environment is $raw', ({ raw, maxRetries }) => {
    expect(validate(raw).maxRetries).toBe(maxRetries);
  });

  it('should declare the inbox token, the admin token and the inherited secrets when they are set', () => {
    const env = validate({
      INBOX_TOKEN: TOKEN,
      ADMIN_TOKEN: `admin-${TOKEN}`,
      KAFKA_SASL_PASSWORD: 'sasl-pw',
      REDIS_URL: 'redis://:r-pw@cache:6379',
    });

    expect(
      declaredSecrets(env)
        .map((secret) => secret.variable)
        .sort(),
    ).toEqual(['ADMIN_TOKEN', 'INBOX_TOKEN', 'KAFKA_SASL_PASSWORD', 'MONGODB_URI', 'REDIS_URL']);
  });

  it('should cap SSE streams and sockets at 500 each unless told otherwise', () => {
    const defaults = validate({});
    const set = validate({ SSE_MAX_CONNECTIONS: '20', SOCKET_MAX_CONNECTIONS: '30' });

    expect([
      defaults.SSE_MAX_CONNECTIONS,
      defaults.SOCKET_MAX_CONNECTIONS,
      set.SSE_MAX_CONNECTIONS,
      set.SOCKET_MAX_CONNECTIONS,
    ]).toEqual([500, 500, 20, 30]);
  });
});
