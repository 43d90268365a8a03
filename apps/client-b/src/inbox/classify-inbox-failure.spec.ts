import { InvalidClientMessageError } from '@app/contracts';
import { NonRetriableMessageError, RetriableMessageError } from '@app/kafka';
import { classifyInboxFailure, InboxFailureClass } from './classify-inbox-failure';

function mongoError(name: string, code?: number | string): Error {
  return Object.assign(new Error(`${name} ${code ?? ''}`), { name, code });
}

describe(classifyInboxFailure.name, () => {
  it.each<{ label: string; error: unknown; expected: InboxFailureClass }>([
    { label: 'a duplicate key (11000)', error: mongoError('MongoServerError', 11000), expected: 'already-stored' },
    { label: 'a duplicate key (11001)', error: mongoError('MongoServerError', 11001), expected: 'already-stored' },
    { label: 'a bulk write duplicate key', error: mongoError('MongoWriteError', 11000), expected: 'already-stored' },
    { label: 'a document validation failure (121)', error: mongoError('MongoServerError', 121), expected: 'fatal' },
    { label: 'a document too large (10334)', error: mongoError('MongoServerError', 10334), expected: 'fatal' },
    { label: 'an InvalidClientMessageError', error: new InvalidClientMessageError('bad json'), expected: 'fatal' },
    { label: 'a NonRetriableMessageError', error: new NonRetriableMessageError('never'), expected: 'fatal' },
    { label: 'a MongoNetworkError', error: mongoError('MongoNetworkError'), expected: 'retriable' },
    { label: 'a MongoServerSelectionError', error: mongoError('MongoServerSelectionError'), expected: 'retriable' },
    { label: 'a MongoNetworkTimeoutError', error: mongoError('MongoNetworkTimeoutError'), expected: 'retriable' },
    { label: 'a not writable primary (10107)', error: mongoError('MongoServerError', 10107), expected: 'retriable' },
    { label: 'a shutdown in progress (91)', error: mongoError('MongoServerError', 91), expected: 'retriable' },
    { label: 'a primary stepped down (189)', error: mongoError('MongoServerError', 189), expected: 'retriable' },
    { label: 'an exceeded time limit (50)', error: mongoError('MongoServerError', 50), expected: 'retriable' },
    { label: 'a RetriableMessageError', error: new RetriableMessageError('later'), expected: 'retriable' },
    { label: 'a plain Error', error: new Error('unknown'), expected: 'retriable' },
    { label: 'a string error code', error: mongoError('MongoNetworkError', 'ECONNRESET'), expected: 'retriable' },
    { label: 'a thrown string', error: 'something broke', expected: 'retriable' },
    { label: 'undefined', error: undefined, expected: 'retriable' },
    { label: 'null', error: null, expected: 'retriable' },
  ])('should answer $expected when the failure is $label', ({ error, expected }) => {
    expect(classifyInboxFailure(error)).toBe(expected);
  });
});
