import { mayHaveBeenApplied } from './may-have-been-applied';

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
