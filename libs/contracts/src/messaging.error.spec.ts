import { isRetriable, MessagingError } from './messaging.error';

class ExampleFailure extends MessagingError {}

describe(MessagingError.name, () => {
  it('should be retriable unless it says otherwise, as kafkajs errors are', () => {
    expect(new MessagingError('later').retriable).toBe(true);
    expect(new MessagingError('never', { retriable: false }).retriable).toBe(false);
  });

  it('should carry its class name and its cause', () => {
    // Arrange
    const cause = new Error('socket closed');

    // Act
    const error = new ExampleFailure('write failed', { cause });

    // Assert
    expect({ name: error.name, cause: error.cause, isError: error instanceof Error }).toEqual({
      name: 'ExampleFailure',
      cause,
      isError: true,
    });
  });
});

describe(isRetriable.name, () => {
  it.each([
    { error: new MessagingError('never', { retriable: false }), expected: false },
    { error: { retriable: false }, expected: false },
    { error: new MessagingError('later'), expected: true },
    { error: new Error('unknown'), expected: true },
    { error: 'a thrown string', expected: true },
    { error: null, expected: true },
  ])('should answer $expected for $error', ({ error, expected }) => {
    expect(isRetriable(error)).toBe(expected);
  });
});
