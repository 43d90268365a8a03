import { bulkInsertResults, duplicateTolerantInsert } from './bulk-insert-results';

const failWith = (error: object) => () => Promise.reject(Object.assign(new Error('bulk write failed'), error));

describe(bulkInsertResults.name, () => {
  it('should report every document inserted when the insert succeeds', async () => {
    await expect(bulkInsertResults(() => Promise.resolve(), 2)).resolves.toEqual([undefined, undefined]);
  });

  it.each([
    { shape: "Mongoose's", writeError: { index: 1, err: { code: 11000, errmsg: 'E11000 duplicate key' } } },
    { shape: "the driver's", writeError: { index: 1, code: 11000, errmsg: 'E11000 duplicate key' } },
  ])(
    'should give each rejected document its own error when the errors come in $shape shape',
    async ({ writeError }) => {
      const results = await bulkInsertResults(failWith({ writeErrors: [writeError], result: { insertedCount: 2 } }), 3);

      expect(results[0]).toBeUndefined();
      expect(results[1]).toMatchObject({ name: 'MongoWriteError', code: 11000, message: 'E11000 duplicate key' });
      expect(results[2]).toBeUndefined();
    },
  );

  it('should fail every document with the error when the server did not account for all of them', async () => {
    const results = await bulkInsertResults(failWith({ writeErrors: [], result: { insertedCount: 0 } }), 2);

    expect(results.map((error) => error?.message)).toEqual(['bulk write failed', 'bulk write failed']);
  });
});

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
