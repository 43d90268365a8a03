// Reference: the raw bulk-insert rate of the database with client-b's batch size (the drain ceiling).
import { randomUUID } from 'node:crypto';

export async function measureDatabaseCeiling(connection, { documents, batchSize }) {
  const collection = connection.collection('bench_ceiling');
  await collection.createIndex({ messageId: 1, mailbox: 1 }, { unique: true });
  const startedAt = Date.now();
  for (let written = 0; written < documents; written += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, documents - written) }, () => ({
      messageId: randomUUID(),
      mailbox: 'inbox',
      from: 'clientA',
      to: 'clientB',
      message: 'backlog',
      timestamp: new Date(),
      receivedAt: new Date(),
    }));
    await collection.insertMany(batch, { ordered: false });
  }
  const seconds = (Date.now() - startedAt) / 1000;
  await collection.drop();
  return { documents, batchSize, insertsPerSecond: documents / seconds };
}
