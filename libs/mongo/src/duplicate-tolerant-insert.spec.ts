import { duplicateTolerantInsert } from './duplicate-tolerant-insert';

const failWith = (error: object) => () => Promise.reject(Object.assign(new Error('bulk write failed'), error));
const duplicate = (index: number) => ({ index, err: { code: 11000 } });

describe(duplicateTolerantInsert.name, () => {
  it('should report every document inserted when the insert succeeds', async () => {
    await expect(duplicateTolerantInsert(() => Promise.resolve(), 3)).resolves.toEqual([true, true, true]);
  });

  it('should mark the duplicates when the server accounted for every document', async () => {
    const insert = failWith({ writeErrors: [duplicate(1)], result: { insertedCount: 2 } });
    await expect(duplicateTolerantInsert(insert, 3)).resolves.toEqual([true, false, true]);
  });

  it('should treat a single duplicate-key error as the one document already there', async () => {
    await expect(duplicateTolerantInsert(failWith({ code: 11000 }), 1)).resolves.toEqual([false]);
  });

  it("should reject with the document's own error when a write error is not a duplicate", async () => {
    const insert = failWith({
      writeErrors: [duplicate(0), { index: 1, err: { code: 121 } }],
      result: { insertedCount: 1 },
    });
    await expect(duplicateTolerantInsert(insert, 3)).rejects.toMatchObject({ code: 121 });
  });

  it('should reject when the server did not account for every document', async () => {
    await expect(
      duplicateTolerantInsert(failWith({ writeErrors: [], result: { insertedCount: 0 } }), 3),
    ).rejects.toThrow('bulk write failed');
    const partial = failWith({ writeErrors: [duplicate(0)], result: { insertedCount: 1 } });
    await expect(duplicateTolerantInsert(partial, 3)).rejects.toThrow('bulk write failed');
  });
});
