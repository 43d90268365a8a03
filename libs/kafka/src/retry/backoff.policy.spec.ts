import { BackoffPolicy, DEFAULT_BACKOFF_POLICY, retryDelayMs } from './backoff.policy';

describe(retryDelayMs.name, () => {
  it.each([
    { retry: 1, expected: 2000 },
    { retry: 2, expected: 4000 },
    { retry: 3, expected: 8000 },
  ])('should wait $expected ms when retry $retry uses the default policy', ({ retry, expected }) => {
    // Arrange
    const policy = DEFAULT_BACKOFF_POLICY;

    // Act
    const delay = retryDelayMs(policy, retry);

    // Assert
    expect(delay).toBe(expected);
  });

  it.each([
    { retry: 1, expected: 20 },
    { retry: 2, expected: 40 },
    { retry: 3, expected: 80 },
    { retry: 4, expected: 160 },
  ])('should wait $expected ms when retry $retry uses a 10 ms base delay', ({ retry, expected }) => {
    // Arrange
    const policy: BackoffPolicy = { baseDelayMs: 10, maxRetries: 5 };

    // Act
    const delay = retryDelayMs(policy, retry);

    // Assert
    expect(delay).toBe(expected);
  });
});
