import mongoose from 'mongoose';

/**
 * The test database's URI with a user and password in it, so that a password
 * is where a service could log it. FerretDB, the local stand-in, takes PLAIN
 * credentials without checking them; a server that refuses them fails the
 * spec here, saying so.
 */
export async function credentialedMongoUri(baseUri: string, user: string, password: string): Promise<string> {
  const credentials = `${encodeURIComponent(user)}:${encodeURIComponent(password)}@`;
  const uri = `${baseUri.replace('://', `://${credentials}`)}${baseUri.includes('?') ? '&' : '?'}authMechanism=PLAIN`;
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    await connection.asPromise();
    await connection.db!.command({ ping: 1 });
  } catch (error) {
    throw new Error(
      `the test database refused PLAIN credentials (${(error as Error).message}); this spec needs one that takes them`,
    );
  } finally {
    await connection.close();
  }
  return uri;
}
