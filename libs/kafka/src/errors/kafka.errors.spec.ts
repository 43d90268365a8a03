import { InvalidClientMessageError } from '@app/contracts';
import { isRetriable } from '@app/contracts';
import {
  KafkaTimeoutError,
  MalformedRetryHeaderError,
  NonRetriableMessageError,
  RecordTooLargeError,
  RetriableMessageError,
} from './kafka.errors';

describe(isRetriable.name, () => {
  it.each<{ label: string; error: unknown; expected: boolean }>([
    { label: 'a NonRetriableMessageError', error: new NonRetriableMessageError('never'), expected: false },
    { label: 'a MalformedRetryHeaderError', error: new MalformedRetryHeaderError('bad header'), expected: false },
    { label: 'an InvalidClientMessageError', error: new InvalidClientMessageError('bad json'), expected: false },
    { label: 'a RecordTooLargeError', error: new RecordTooLargeError(2, 1, 'topic'), expected: false },
    { label: 'a RetriableMessageError', error: new RetriableMessageError('later'), expected: true },
    { label: 'a KafkaTimeoutError', error: new KafkaTimeoutError('slow'), expected: true },
    { label: 'a plain Error', error: new Error('unknown'), expected: true },
    {
      label: 'a driver error without the flag',
      error: Object.assign(new Error('reset'), { name: 'MongoNetworkError' }),
      expected: true,
    },
    { label: 'a thrown string', error: 'something broke', expected: true },
    { label: 'undefined', error: undefined, expected: true },
    { label: 'null', error: null, expected: true },
  ])('should answer $expected when the failure is $label', ({ error, expected }) => {
    expect(isRetriable(error)).toBe(expected);
  });
});
