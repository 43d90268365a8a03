import mongoose, { Connection } from 'mongoose';

export interface StoredMessage {
  messageId: string;
  mailbox: 'outbox' | 'inbox';
  from: string;
  to: string;
  message: string;
  status?: string;
  timestamp: Date;
  receivedAt?: Date;
}

/** Reads the `messages` collection of a test's own database. */
export class MessageStore {
  private constructor(private readonly connection: Connection) {}

  static async open(uri: string, dbName: string): Promise<MessageStore> {
    const connection = await mongoose.createConnection(uri, { dbName, serverSelectionTimeoutMS: 5000 }).asPromise();
    return new MessageStore(connection);
  }

  async find(filter: Partial<StoredMessage> = {}): Promise<StoredMessage[]> {
    return this.connection
      .collection<StoredMessage>('messages')
      .find(filter, { projection: { _id: 0 } })
      .toArray();
  }

  /** The messageIds of the inbox in its order (receivedAt, then _id), as a replay or a live client sees it. */
  async inboxOrder(): Promise<string[]> {
    const documents = await this.connection
      .collection<StoredMessage>('messages')
      .find({ mailbox: 'inbox' }, { projection: { messageId: 1 }, sort: { receivedAt: 1, _id: 1 } })
      .toArray();
    return documents.map(({ messageId }) => messageId);
  }

  async count(filter: Partial<StoredMessage> = {}): Promise<number> {
    return this.connection.collection('messages').countDocuments(filter);
  }

  /** Documents in another collection of the same database, e.g. client-a's `outbox`. */
  async countIn(collection: string): Promise<number> {
    return this.connection.collection(collection).countDocuments({});
  }

  /** One field of every matching document of `collection`, read in a single pass. */
  async valuesIn(collection: string, field: string, filter: Record<string, unknown> = {}): Promise<unknown[]> {
    const documents = await this.connection
      .collection(collection)
      .find(filter, { projection: { _id: 0, [field]: 1 } })
      .toArray();
    return documents.map((document): unknown => document[field]);
  }

  /** The names of a collection's indexes, as the database lists them. */
  async indexNames(collection: string): Promise<string[]> {
    const indexes = await this.connection.collection(collection).indexes();
    return indexes.map((index) => String(index.name));
  }

  /** Writes documents straight into a collection, past the services' own rules. */
  async insertInto(collection: string, documents: Record<string, unknown>[]): Promise<void> {
    await this.connection.collection(collection).insertMany(documents);
  }

  async dropDatabase(): Promise<void> {
    await this.connection.dropDatabase();
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
