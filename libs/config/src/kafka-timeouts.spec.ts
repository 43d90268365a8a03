import { kafkaTimeouts } from './kafka-timeouts';

describe(kafkaTimeouts.name, () => {
  it.each([
    { env: {}, expected: { connectionTimeoutMs: 5000, sessionTimeoutMs: 30_000 } },
    { env: { KAFKA_SASL_MECHANISM: 'plain' }, expected: { connectionTimeoutMs: 10_000, sessionTimeoutMs: 45_000 } },
    {
      env: { KAFKA_SASL_MECHANISM: 'scram-sha-512' },
      expected: { connectionTimeoutMs: 10_000, sessionTimeoutMs: 45_000 },
    },
    {
      env: { KAFKA_SASL_MECHANISM: 'plain', KAFKA_CONNECTION_TIMEOUT_MS: 3000 },
      expected: { connectionTimeoutMs: 3000, sessionTimeoutMs: 45_000 },
    },
    {
      env: { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SESSION_TIMEOUT_MS: 20_000 },
      expected: { connectionTimeoutMs: 10_000, sessionTimeoutMs: 20_000 },
    },
    { env: { KAFKA_SESSION_TIMEOUT_MS: 10_000 }, expected: { connectionTimeoutMs: 5000, sessionTimeoutMs: 10_000 } },
  ])('should give $expected when the environment is $env', ({ env, expected }) => {
    // Act
    const timeouts = kafkaTimeouts(env);

    // Assert
    expect(timeouts).toEqual(expected);
  });
});
