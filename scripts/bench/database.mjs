// Direct database access for the benchmark: reading results and the raw insert ceiling.
import mongoose from 'mongoose';

export async function openDatabase(uri, dbName) {
  return mongoose.createConnection(uri, { dbName, serverSelectionTimeoutMS: 5000 }).asPromise();
}

export async function inboxCount(connection) {
  return connection.collection('messages').countDocuments({ mailbox: 'inbox' });
}

/** Latency of every stored message: receivedAt (client-b stored it) minus timestamp (client-a accepted it). */
export async function deliveryTimes(connection, since) {
  const cursor = connection
    .collection('messages')
    .find({ mailbox: 'inbox', receivedAt: { $gte: since } }, { projection: { _id: 0, timestamp: 1, receivedAt: 1 } });
  const rows = await cursor.toArray();
  return rows.map((row) => ({ acceptedAt: row.timestamp.getTime(), storedAt: row.receivedAt.getTime() }));
}

/** Counts and uniqueness of both mailboxes: the harness fails when anything is lost or duplicated. */
export async function correctness(connection) {
  const messages = connection.collection('messages');
  const [outbox, inbox, sentToB, inboxIds] = await Promise.all([
    messages.countDocuments({ mailbox: 'outbox' }),
    messages.countDocuments({ mailbox: 'inbox' }),
    messages.distinct('messageId', { mailbox: 'outbox', to: 'clientB' }),
    messages.distinct('messageId', { mailbox: 'inbox' }),
  ]);
  const stored = new Set(inboxIds);
  const missing = sentToB.filter((id) => !stored.has(id)).length;
  return { outbox, inbox, duplicatesInInbox: inbox - inboxIds.length, missing };
}
