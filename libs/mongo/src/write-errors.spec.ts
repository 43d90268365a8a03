import { DocumentRejectedError, translateWriteError, StorageFailedError, mayHaveBeenApplied } from './write-errors';

function mongoError(name: string, code?: number | string): Error {
  return Object.assign(new Error(`${name} ${code ?? ''}`), { name, code });
}

type Expected = 'already-stored' | typeof DocumentRejectedError | typeof StorageFailedError;

describe(translateWriteError.name, () => {
  it.each<{ label: string; error: unknown; expected: Expected }>([
    { label: 'a duplicate key (11000)', error: mongoError('MongoServerError', 11000), expected: 'already-stored' },
    { label: 'a duplicate key (11001)', error: mongoError('MongoServerError', 11001), expected: 'already-stored' },
    { label: 'a bulk write duplicate key', error: mongoError('MongoWriteError', 11000), expected: 'already-stored' },
    {
      label: 'a document validation failure (121)',
      error: mongoError('MongoServerError', 121),
      expected: DocumentRejectedError,
    },
    {
      label: 'a document too large (10334)',
      error: mongoError('MongoServerError', 10334),
      expected: DocumentRejectedError,
    },
    { label: 'a MongoNetworkError', error: mongoError('MongoNetworkError'), expected: StorageFailedError },
    {
      label: 'a MongoServerSelectionError',
      error: mongoError('MongoServerSelectionError'),
      expected: StorageFailedError,
    },
    {
      label: 'a MongoNetworkTimeoutError',
      error: mongoError('MongoNetworkTimeoutError'),
      expected: StorageFailedError,
    },
    {
      label: 'a not writable primary (10107)',
      error: mongoError('MongoServerError', 10107),
      expected: StorageFailedError,
    },
    { label: 'a shutdown in progress (91)', error: mongoError('MongoServerError', 91), expected: StorageFailedError },
    { label: 'a primary stepped down (189)', error: mongoError('MongoServerError', 189), expected: StorageFailedError },
    { label: 'an exceeded time limit (50)', error: mongoError('MongoServerError', 50), expected: StorageFailedError },
    { label: 'a plain Error', error: new Error('unknown'), expected: StorageFailedError },
    {
      label: 'a string error code',
      error: mongoError('MongoNetworkError', 'ECONNRESET'),
      expected: StorageFailedError,
    },
    { label: 'a thrown string', error: 'something broke', expected: StorageFailedError },
    { label: 'undefined', error: undefined, expected: StorageFailedError },
    { label: 'null', error: null, expected: StorageFailedError },
  ])('should answer $expected.name when the failure is $label', ({ error, expected }) => {
    // Act
    const result = translateWriteError(error);

    // Assert
    if (expected === 'already-stored') expect(result).toBe('already-stored');
    else expect(result).toBeInstanceOf(expected);
  });

  it.each([
    { error: mongoError('MongoNetworkError'), retriable: true },
    { error: mongoError('MongoServerError', 121), retriable: false },
  ])(
    'should carry retriable $retriable and keep the driver class in the message when it translates $error.name',
    ({ error, retriable }) => {
      // Act
      const result = translateWriteError(error) as StorageFailedError | DocumentRejectedError;

      // Assert
      expect(result.retriable).toBe(retriable);
      expect(result.message).toContain(error.name);
      expect(result.cause).toBe(error);
    },
  );
});

const failure = (name: string, code?: number) =>
  Object.assign(new Error(name), { name, ...(code === undefined ? {} : { code }) });

describe(mayHaveBeenApplied.name, () => {
  it.each([
    { error: failure('MongoNetworkTimeoutError'), applied: true, why: 'the answer was lost after sending' },
    { error: failure('MongoNetworkError', 6), applied: true, why: 'a network error, even with a code' },
    { error: failure('MongoBulkWriteError'), applied: true, why: 'a bulk error without a server code' },
    { error: new Error('something else'), applied: true, why: 'nothing is known' },
    { error: failure('MongoServerSelectionError'), applied: false, why: 'no server was selected' },
    { error: failure('MongoWaitQueueTimeoutError'), applied: false, why: 'no connection was free' },
    { error: failure('MongoServerError', 11000), applied: false, why: 'the server answered with a code' },
  ])('should answer $applied when $why', ({ error, applied }) => {
    expect(mayHaveBeenApplied(error)).toBe(applied);
  });
});
