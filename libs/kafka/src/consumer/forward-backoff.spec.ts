import { DEFAULT_FORWARD_BACKOFF, forwardRetryDelayMs } from './forward-backoff';

describe(forwardRetryDelayMs.name, () => {
  it.each([
    { attempt: 1, expected: 500 },
    { attempt: 2, expected: 1000 },
    { attempt: 4, expected: 4000 },
    { attempt: 7, expected: 30_000 },
    { attempt: 40, expected: 30_000 },
  ])('should wait $expected ms after attempt $attempt', ({ attempt, expected }) => {
    expect(forwardRetryDelayMs(DEFAULT_FORWARD_BACKOFF, attempt)).toBe(expected);
  });
});
