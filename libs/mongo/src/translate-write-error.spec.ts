import { DocumentRejectedError } from './document-rejected.error';
import { StorageFailedError } from './storage-failed.error';
import { translateWriteError } from './translate-write-error';

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
