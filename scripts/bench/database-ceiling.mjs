// Reference: the raw bulk-insert rate of the database (the drain ceiling): the same document
// shape, the same indexes and the batch size client-b gets from one fetch (kafkajs' 1 MB per
// partition holds about 4,000 of these records).
import { randomUUID } from 'node:crypto';

export async function measureDatabaseCeiling(connection, { documents, batchSize }) {
  const collection = connection.collection('bench_ceiling');
  await collection.createIndex({ messageId: 1, mailbox: 1 }, { unique: true, name: 'messageId_mailbox_unique' });
  await collection.createIndex({ mailbox: 1, receivedAt: -1, _id: -1 }, { name: 'inbox_page' });
  const startedAt = Date.now();
  for (let written = 0; written < documents; written += batchSize) {
    const batch = Array.from(
      { length: Math.min(batchSize, documents - written) },
      (_, index, all, id = randomUUID()) => ({
        _id: `inbox:${id}`,
        messageId: id,
        mailbox: 'inbox',
        from: 'clientA',
        to: 'clientB',
        message: 'backlog',
        timestamp: new Date(),
        receivedAt: new Date(),
      }),
    );
    await collection.insertMany(batch, { ordered: false });
  }
  const seconds = (Date.now() - startedAt) / 1000;
  await collection.drop();
  return { documents, batchSize, insertsPerSecond: documents / seconds };
}
