import { MongooseModuleFactoryOptions } from '@nestjs/mongoose';
import { ServiceEnvironment } from '@app/config';
import { ConnectOptions, Connection } from 'mongoose';
import { writeDefaultsFor } from './write-defaults-for';

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
