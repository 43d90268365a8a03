import { MongooseModuleFactoryOptions } from '@nestjs/mongoose';
import { ServiceEnvironment } from '@app/config';
import { ConnectOptions, Connection } from 'mongoose';

/** Write settings the connection adds unless the URI sets them itself. */
export interface WriteDefaults {
  retryWrites?: true;
  writeConcern?: { w: 'majority' };
}

/**
 * Atlas's own connection strings carry `retryWrites=true&w=majority`; a URI written by hand
 * may not. Both are applied here unless the URI names them, because options given to the
 * driver override the URI's, and a URI that says otherwise (`w=1`) was written on purpose.
 * A write is then acknowledged once most of the replica set has it, so a primary's failover
 * does not lose an accepted message, and a write cut off by a failover is retried once.
 */
export function writeDefaultsFor(uri: string): WriteDefaults {
  const query = uri.includes('?') ? uri.slice(uri.indexOf('?') + 1) : '';
  // URI option names are case-insensitive (retrywrites=true is valid).
  const named = new Set(query.split('&').map((pair) => pair.split('=')[0].toLowerCase()));
  return {
    ...(named.has('retrywrites') ? {} : { retryWrites: true }),
    ...(named.has('w') ? {} : { writeConcern: { w: 'majority' } }),
  };
}

/**
 * The Nest module's options: the connection is made at once but not awaited
 * (lazyConnection), so a database that is down does not fail the start;
 * DatabaseConnector, a step of start-up, waits for it instead.
 */
export function mongooseOptionsFromEnvironment(env: ServiceEnvironment): MongooseModuleFactoryOptions {
  return {
    uri: env.MONGODB_URI,
    ...mongooseConnectOptions(env),
    lazyConnection: true,
    // The first attempt's failure is DatabaseConnector's to report: unhandled here it would end the process.
    connectionFactory: (connection: Connection) => {
      connection.asPromise().catch(() => undefined);
      return connection;
    },
  };
}

/**
 * MongoDB connection settings: every wait is bounded by MONGODB_TIMEOUT_MS,
 * so a database that hangs turns into an error instead of a hung request.
 * The same in every environment, so the tests run what production runs.
 */
export function mongooseConnectOptions(env: ServiceEnvironment): ConnectOptions {
  const timeoutMs = env.MONGODB_TIMEOUT_MS;
  return {
    dbName: env.MONGODB_DB_NAME,
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs * 2,
    // Fail at once while disconnected instead of queueing operations in memory.
    bufferCommands: false,
    // A bounded pool queues bursts in the driver (for at most the timeout) instead of
    // opening hundreds of connections that a small database or an Atlas tier refuses.
    maxPoolSize: env.MONGODB_MAX_POOL_SIZE,
    waitQueueTimeoutMS: timeoutMs,
    // Indexes are IndexProvisioner's, an explicit and bounded step of start-up.
    autoIndex: false,
    ...writeDefaultsFor(env.MONGODB_URI),
  };
}
