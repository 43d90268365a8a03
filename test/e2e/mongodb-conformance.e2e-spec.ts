/**
 * Exactly the MongoDB behaviours our repositories rely on, checked against the
 * server `npm test` runs (a real mongod, or FerretDB standing in for it), with
 * the `mongodb` driver directly so that nothing of ours sits in between.
 * A failure here means the server in use cannot carry our code.
 *
 * Where the stand-in departs from MongoDB (observed on FerretDB v1.24.2, SQLite handler, built by
 * infra/ with and without infra/lib/ferretdb-index-fix.mjs).
 * Nothing below is tested here: a test would either fail on the stand-in or assert its bug.
 * | behaviour | MongoDB | FerretDB v1.24.2 | our code |
 * | --- | --- | --- | --- |
 * | ordered insertMany stops at the first duplicate | nothing after the failing document is inserted | stops only within its 100-document chunk, then inserts later chunks: 150 documents with a duplicate at index 2 give writeErrors [2] but insertedCount 52 (0-1 and 100-149 stored) | uses unordered inserts only |
 * | a $set that breaks a unique index | code 11000 | code 1 (InternalError, "UNIQUE constraint failed"); the document is left unchanged; same for findOneAndUpdate and replaceOne | updates no uniquely indexed field; reads 11000 from inserts only |
 * | updates of one document are atomic | 200 concurrent $inc give 200 | 2 to 22, though all 200 report modifiedCount 1; a conditional updateOne raced by 10 requests reports modifiedCount 1 to 1-8 of them | relied on by `IdempotencyKeyRepository.claim`, whose take-over of an expired key assumes one winner |
 * | TTL index | created and listed with expireAfterSeconds | createIndex fails with code 238 (NotImplemented) | `IdempotencyKeySweeper` deletes expired keys itself |
 * Built without the index fix, the 1,000 concurrent updates below now and then also failed with code 1
 * ("database is locked (5) (SQLITE_BUSY)"); with it they passed every run.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Collection, Db, MongoBulkWriteError, MongoClient, MongoServerError } from 'mongodb';
import { testEnvironment } from './support/test-environment';

jest.setTimeout(120_000);

const DUPLICATE_KEY = 11000;
const HANG_GUARD_MS = 60_000;

interface Row {
  _id: string;
  messageId: string;
  mailbox: 'inbox' | 'outbox';
  timestamp?: Date;
  status?: string;
}

const newId = (mailbox: Row['mailbox'] = 'inbox') => `${mailbox}:${randomUUID()}`;
const row = (fields: Partial<Row> = {}): Row => ({
  _id: newId(),
  messageId: randomUUID(),
  mailbox: 'inbox',
  ...fields,
});

/** The error `action` rejects with; fails the test when it resolves. */
async function rejectionOf(action: Promise<unknown>): Promise<unknown> {
  try {
    await action;
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to be rejected, but it succeeded');
}

/** Rejects with `description` when `work` is still pending after `ms`: a hang guard, not a performance bound. */
async function withinDeadline<T>(work: Promise<T>, ms: number, description: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${description} did not finish within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

describe('the MongoDB server in use behaves as our repositories expect', () => {
  const client = new MongoClient(testEnvironment().mongodbUri, {
    serverSelectionTimeoutMS: 5000,
    socketTimeoutMS: 30_000,
    maxPoolSize: 100,
  });
  let db: Db;

  /** A collection of the test's own, with the unique {messageId, mailbox} index our messages carry. */
  async function messagesCollection(name: string): Promise<Collection<Row>> {
    const collection = db.collection<Row>(name);
    await collection.createIndex({ messageId: 1, mailbox: 1 }, { unique: true });
    return collection;
  }

  beforeAll(async () => {
    await client.connect();
    db = client.db(`e2e_${randomBytes(4).toString('hex')}`);
  });

  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await client.close();
  });

  it('should reject the second insert with code 11000 when messageId and mailbox repeat', async () => {
    const collection = await messagesCollection('unique_pair');
    const first = row({ mailbox: 'outbox' });
    await collection.insertOne(first);

    const error = await rejectionOf(collection.insertOne({ ...first, _id: newId('outbox') }));
    await collection.insertOne({ ...first, _id: newId('inbox'), mailbox: 'inbox' });

    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: DUPLICATE_KEY });
    expect(await collection.countDocuments({ messageId: first.messageId })).toBe(2);
  });

  it('should insert the other documents and name the failed indexes when an unordered insertMany hits duplicates', async () => {
    const collection = await messagesCollection('unordered_batch');
    const originals = [row(), row(), row()];
    await collection.insertMany(originals);
    const batch = Array.from({ length: 10 }, () => row());
    batch[2] = row({ _id: originals[0]._id }); // same _id
    batch[5] = row({ messageId: originals[1].messageId }); // same {messageId, mailbox}
    batch[8] = row({ _id: originals[2]._id, messageId: originals[2].messageId }); // both

    const error = await rejectionOf(collection.insertMany(batch, { ordered: false }));

    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const bulkError = error as MongoBulkWriteError;
    const writeErrors = [bulkError.writeErrors].flat();
    expect(bulkError.code).toBe(DUPLICATE_KEY);
    expect(writeErrors.map((writeError) => writeError.index).sort((a, b) => a - b)).toEqual([2, 5, 8]);
    expect(writeErrors.map((writeError) => writeError.code)).toEqual([DUPLICATE_KEY, DUPLICATE_KEY, DUPLICATE_KEY]);
    expect(bulkError.insertedCount).toBe(7);
    expect(bulkError.result.insertedCount).toBe(7);
    const expectedIds = [...originals, ...batch.filter((_, index) => ![2, 5, 8].includes(index))].map((doc) => doc._id);
    const storedIds = (await collection.find({}, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id);
    expect(storedIds.sort()).toEqual(expectedIds.sort());
    expect(await collection.find({ _id: { $in: originals.map((doc) => doc._id) } }).toArray()).toEqual(
      expect.arrayContaining(originals),
    );
  });

  // Our writers insert up to 500 documents at once, and FerretDB inserts in chunks of 100.
  it('should name the failed indexes across the whole batch when an unordered insertMany of 500 documents hits duplicates', async () => {
    const collection = await messagesCollection('unordered_large_batch');
    const failing = [0, 99, 100, 250, 499];
    const originals = failing.map(() => row());
    await collection.insertMany(originals);
    const batch = Array.from({ length: 500 }, () => row());
    failing.forEach((index, k) => {
      batch[index] = k % 2 === 0 ? row({ _id: originals[k]._id }) : row({ messageId: originals[k].messageId });
    });

    const error = await rejectionOf(collection.insertMany(batch, { ordered: false }));

    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const bulkError = error as MongoBulkWriteError;
    expect(
      [bulkError.writeErrors]
        .flat()
        .map((writeError) => writeError.index)
        .sort((a, b) => a - b),
    ).toEqual(failing);
    expect(bulkError.insertedCount).toBe(495);
    expect(await collection.countDocuments()).toBe(500);
    const insertedIds = batch.filter((_, index) => !failing.includes(index)).map((doc) => doc._id);
    expect(await collection.countDocuments({ _id: { $in: insertedIds } })).toBe(495);
  });

  it('should find, update and delete one document when addressed by its string _id', async () => {
    const collection = await messagesCollection('by_id');
    const target = row({ status: 'accepted' });
    const other = row({ status: 'accepted' });
    await collection.insertMany([target, other]);

    const found = await collection.findOne({ _id: target._id });
    const changed = await collection.updateOne({ _id: target._id }, { $set: { status: 'delivered' } });
    const unchanged = await collection.updateOne({ _id: target._id }, { $set: { status: 'delivered' } });
    const missing = await collection.updateOne({ _id: newId() }, { $set: { status: 'delivered' } });
    const afterUpdate = await collection.findOne({ _id: target._id });
    const deleted = await collection.deleteOne({ _id: target._id });
    const deletedAgain = await collection.deleteOne({ _id: target._id });

    expect(found).toEqual(target);
    expect(changed).toMatchObject({ acknowledged: true, matchedCount: 1, modifiedCount: 1 });
    expect(unchanged).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    expect(missing).toMatchObject({ matchedCount: 0, modifiedCount: 0 });
    expect(afterUpdate).toEqual({ ...target, status: 'delivered' });
    expect(deleted.deletedCount).toBe(1);
    expect(deletedAgain.deletedCount).toBe(0);
    expect(await collection.findOne({ _id: target._id })).toBeNull();
    expect(await collection.findOne({ _id: other._id })).toEqual(other);
  });

  it('should find, update and delete one document when addressed by an indexed field', async () => {
    const collection = await messagesCollection('by_indexed_field');
    const target = row({ status: 'accepted' });
    const other = row({ status: 'accepted' });
    await collection.insertMany([target, other]);
    const byKey = { messageId: target.messageId, mailbox: target.mailbox };

    const found = await collection.findOne(byKey);
    const changed = await collection.updateOne(byKey, { $set: { status: 'delivered' } });
    const unchanged = await collection.updateOne(byKey, { $set: { status: 'delivered' } });
    const afterUpdate = await collection.findOne(byKey);
    const deleted = await collection.deleteOne(byKey);

    expect(found).toEqual(target);
    expect(changed).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(unchanged).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    expect(afterUpdate).toEqual({ ...target, status: 'delivered' });
    expect(deleted.deletedCount).toBe(1);
    expect(await collection.countDocuments(byKey)).toBe(0);
    expect(await collection.findOne({ messageId: other.messageId })).toEqual(other);
  });

  it('should page without overlap or gap when sorting on an index by timestamp and _id with ties', async () => {
    const collection = await messagesCollection('keyset_pages');
    await collection.createIndex({ mailbox: 1, timestamp: -1, _id: -1 });
    const start = Date.UTC(2026, 0, 1);
    // Three documents per timestamp, so that a page boundary falls inside a tie.
    const inbox = Array.from({ length: 120 }, (_, i) => row({ timestamp: new Date(start + Math.floor(i / 3) * 1000) }));
    const outbox = Array.from({ length: 10 }, (_, i) =>
      row({ mailbox: 'outbox', _id: newId('outbox'), timestamp: new Date(start + i * 1000) }),
    );
    await collection.insertMany([...inbox, ...outbox]);
    const expected = [...inbox].sort(
      (a, b) => b.timestamp!.getTime() - a.timestamp!.getTime() || (a._id < b._id ? 1 : -1),
    );
    const page = (filter: object) =>
      collection
        .find({ mailbox: 'inbox', ...filter })
        .sort({ timestamp: -1, _id: -1 })
        .limit(50)
        .toArray();

    const first = await page({});
    const { timestamp: t, _id: id } = first[first.length - 1];
    const second = await page({ $or: [{ timestamp: { $lt: t } }, { timestamp: t, _id: { $lt: id } }] });

    expect(expected[49].timestamp).toEqual(expected[50].timestamp);
    expect(first).toEqual(expected.slice(0, 50));
    expect(second).toEqual(expected.slice(50, 100));
  });

  it('should return exactly the requested documents when $in lists 100 _ids', async () => {
    const collection = await messagesCollection('in_ids');
    const documents = Array.from({ length: 150 }, () => row());
    await collection.insertMany(documents);
    const wanted = documents
      .filter((_, index) => index % 3 !== 0)
      .slice(0, 100)
      .map((doc) => doc._id);

    const found = await collection.find({ _id: { $in: wanted } }).toArray();

    expect(found.map((doc) => doc._id).sort()).toEqual([...wanted].sort());
  });

  it('should count all documents or only the matching ones when countDocuments gets no filter or a filter', async () => {
    const collection = await messagesCollection('counts');
    const inbox = Array.from({ length: 7 }, () => row());
    const outbox = Array.from({ length: 4 }, () => row({ _id: newId('outbox'), mailbox: 'outbox' }));
    await collection.insertMany([...inbox, ...outbox]);

    const all = await collection.countDocuments();
    const onlyOutbox = await collection.countDocuments({ mailbox: 'outbox' });
    const none = await collection.countDocuments({ mailbox: 'outbox', status: 'delivered' });

    expect({ all, onlyOutbox, none }).toEqual({ all: 11, onlyOutbox: 4, none: 0 });
  });

  it('should finish every update when 1,000 updates of different documents share the pool', async () => {
    const collection = await messagesCollection('concurrent_pool');
    const documents = Array.from({ length: 1000 }, () => row({ status: 'accepted' }));
    await collection.insertMany(documents);

    const updates = Promise.all(
      documents.map((doc) => collection.updateOne({ _id: doc._id }, { $set: { status: 'delivered' } })),
    );
    const results = await withinDeadline(updates, HANG_GUARD_MS, '1,000 concurrent updateOne calls');

    expect(results.filter((result) => result.matchedCount === 1)).toHaveLength(1000);
    expect(await collection.countDocuments({ status: 'delivered' })).toBe(1000);
  });

  it('should create the document and then update it when findOneAndUpdate upserts with returnDocument after', async () => {
    const collection = await messagesCollection('upsert');
    const key = { messageId: randomUUID(), mailbox: 'inbox' as const };
    const upsert = (status: string) =>
      collection.findOneAndUpdate(
        key,
        { $set: { status }, $setOnInsert: { _id: newId() } },
        { upsert: true, returnDocument: 'after' },
      );

    const created = await upsert('accepted');
    const updated = await upsert('delivered');

    expect(created).toEqual({ ...key, _id: expect.stringMatching(/^inbox:/), status: 'accepted' });
    expect(updated).toEqual({ ...created, status: 'delivered' });
    expect(await collection.countDocuments(key)).toBe(1);
  });
});
