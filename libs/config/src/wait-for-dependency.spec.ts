import { ConfigurationError, dependencyRetryDelayMs, waitForDependency } from './wait-for-dependency';

const OPTIONS = { initialDelayMs: 1000, maxDelayMs: 30_000 };

/** An attempt that fails `failures` times with `error`, then answers `value`. */
function failingAttempt<T>(
  failures: number,
  error: Error,
  value: T,
): { attempt: () => Promise<T>; calls: () => number } {
  let calls = 0;
  return {
    attempt: async () => {
      calls += 1;
      if (calls <= failures) throw error;
      return value;
    },
    calls: () => calls,
  };
}

describe(waitForDependency.name, () => {
  it.each([
    { failures: 1, random: 0, expected: 500 },
    { failures: 1, random: 0.999, expected: 1000 },
    { failures: 2, random: 0, expected: 1000 },
    { failures: 4, random: 0.5, expected: 6000 },
    { failures: 6, random: 0, expected: 15_000 },
    { failures: 60, random: 0.999, expected: 29_985 },
  ])(
    'should wait $expected ms after $failures failure(s) when the jitter is $random',
    ({ failures, random, expected }) => {
      // Act
      const delay = dependencyRetryDelayMs(failures, OPTIONS, random);

      // Assert
      expect(delay).toBe(expected);
    },
  );

  it('should try again after each failure, log why and when, and answer once the dependency does', async () => {
    // Arrange
    const { attempt, calls } = failingAttempt(
      3,
      new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'),
      'up',
    );
    const lines: string[] = [];
    const slept: number[] = [];

    // Act
    const answer = await waitForDependency('Kafka at 127.0.0.1:9092', attempt, {
      ...OPTIONS,
      attemptTimeoutMs: 1000,
      log: (line) => lines.push(line),
      random: () => 0,
      sleep: async (ms) => void slept.push(ms),
    });

    // Assert
    expect(answer).toBe('up');
    expect(calls()).toBe(4);
    expect(slept).toEqual([500, 1000, 2000]);
    expect(lines[0]).toBe(
      'waiting for Kafka at 127.0.0.1:9092: Connection error: connect ECONNREFUSED 127.0.0.1:9092; next attempt in 0.5 s (attempt 1 failed)',
    );
    expect(lines).toHaveLength(3);
  });

  it('should throw a ConfigurationError at once, without a waiting line', async () => {
    // Arrange
    const refused = new ConfigurationError('Kafka authentication failed: check KAFKA_SASL_PASSWORD');
    const { attempt, calls } = failingAttempt(5, refused, 'never');
    const lines: string[] = [];

    // Act
    const waiting = waitForDependency('Kafka', attempt, {
      ...OPTIONS,
      attemptTimeoutMs: 1000,
      log: (line) => lines.push(line),
      sleep: async () => undefined,
    });

    // Assert
    await expect(waiting).rejects.toBe(refused);
    expect(calls()).toBe(1);
    expect(lines).toEqual([]);
  });

  it('should count an attempt that does not answer within attemptTimeoutMs as failed, and try again', async () => {
    // Arrange
    let calls = 0;
    const attempt = () => (++calls === 1 ? new Promise<string>(() => undefined) : Promise.resolve('up'));
    const lines: string[] = [];

    // Act
    const answer = await waitForDependency('the database', attempt, {
      ...OPTIONS,
      attemptTimeoutMs: 20,
      log: (line) => lines.push(line),
      sleep: async () => undefined,
    });

    // Assert
    expect(answer).toBe('up');
    expect(lines).toEqual([
      expect.stringContaining('no answer from the database within 20 ms (STARTUP_ATTEMPT_TIMEOUT_MS)'),
    ]);
  });

  it('should log only the first line of a long reason, cut with its length noted', async () => {
    // Arrange
    const { attempt } = failingAttempt(1, new Error(`${'x'.repeat(1000)}\nsecond line`), 'up');
    const lines: string[] = [];

    // Act
    await waitForDependency('Kafka', attempt, {
      ...OPTIONS,
      attemptTimeoutMs: 1000,
      log: (line) => lines.push(line),
      sleep: async () => undefined,
    });

    // Assert
    expect(lines[0]).toContain('… (1000 characters)');
    expect(lines[0]).not.toContain('second line');
    expect(lines[0].length).toBeLessThan(400);
  });
});
