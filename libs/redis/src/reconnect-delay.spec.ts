import { reconnectDelay } from './reconnect-delay';

describe(reconnectDelay.name, () => {
  it.each([
    { attempt: 1, delay: 100 },
    { attempt: 2, delay: 200 },
    { attempt: 3, delay: 400 },
    { attempt: 5, delay: 1600 },
    { attempt: 6, delay: 2000 },
    { attempt: 1000, delay: 2000 },
    { attempt: 0, delay: 100 },
  ])('should wait $delay ms before attempt $attempt', ({ attempt, delay }) => {
    // Act
    const waited = reconnectDelay(attempt);

    // Assert
    expect(waited).toBe(delay);
  });
});
