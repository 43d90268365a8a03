// Direct database access for the benchmark: reading results and the raw insert ceiling.
import mongoose from 'mongoose';

export async function openDatabase(uri, dbName) {
  return mongoose.createConnection(uri, { dbName, serverSelectionTimeoutMS: 5000 }).asPromise();
}

/** Latency of every stored message: receivedAt (client-b stored it) minus timestamp (client-a accepted it). */
export async function deliveryTimes(connection, since) {
  const cursor = connection
    .collection('messages')
    .find({ mailbox: 'inbox', receivedAt: { $gte: since } }, { projection: { _id: 0, timestamp: 1, receivedAt: 1 } });
  const rows = await cursor.toArray();
  return rows.map((row) => ({ acceptedAt: row.timestamp.getTime(), storedAt: row.receivedAt.getTime() }));
}

/**
 * Counts and uniqueness of both mailboxes: the harness fails when anything is lost or duplicated.
 * `backlog` messages went to Kafka directly, so they have an inbox copy and no outbox copy.
 * One pass over the collection: FerretDB runs countDocuments and distinct as full scans each.
 */
export async function correctness(connection, { backlog }) {
  const cursor = connection
    .collection('messages')
    .find({}, { projection: { _id: 0, messageId: 1, mailbox: 1, to: 1 }, batchSize: 10_000 });
  let outbox = 0;
  let inbox = 0;
  const sentToB = new Set();
  const stored = new Set();
  for await (const { messageId, mailbox, to } of cursor) {
    if (mailbox === 'outbox') {
      outbox += 1;
      if (to === 'clientB') sentToB.add(messageId);
    } else if (mailbox === 'inbox') {
      inbox += 1;
      stored.add(messageId);
    }
  }
  const storedFromOutbox = [...sentToB].filter((id) => stored.has(id)).length;
  const missing = sentToB.size - storedFromOutbox;
  const backlogMissing = backlog - (stored.size - storedFromOutbox);
  return { outbox, inbox, duplicatesInInbox: inbox - stored.size, missing, backlogMissing };
}
