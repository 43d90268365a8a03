import { mongo } from 'mongoose';
import { isRefusedByServer } from './schema-indexes';

const serverError = (code: number, errorLabels: string[] = []) =>
  new mongo.MongoServerError({ message: 'refused', code, errorLabels });

describe('isRefusedByServer', () => {
  it('should stop the start when the server refuses a unique index over duplicates', () => {
    expect(isRefusedByServer(serverError(11000))).toBe(true);
  });

  it('should stop the start when the server answers with any other lasting refusal, whatever its code', () => {
    expect([85, 86, 1].map((code) => isRefusedByServer(serverError(code)))).toEqual([true, true, true]);
  });

  it('should wait while a replica set changes primary', () => {
    expect([10107, 189, 91, 11600].map((code) => isRefusedByServer(serverError(code)))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(isRefusedByServer(serverError(2, ['RetryableWriteError']))).toBe(false);
  });

  it('should wait when the server did not answer', () => {
    expect(isRefusedByServer(new mongo.MongoNetworkError('connection reset'))).toBe(false);
    expect(isRefusedByServer(new Error('no answer within 2000 ms'))).toBe(false);
  });
});
