import { MongooseModuleFactoryOptions } from '@nestjs/mongoose';
import { Logger } from '@nestjs/common';
import { ServiceEnvironment } from '@app/config';
import { maskUriPasswords } from '@app/logging';
import { writeDefaultsFor } from './write-defaults-for';

/**
 * MongoDB connection settings: every wait is bounded by MONGODB_TIMEOUT_MS,
 * so a database that hangs turns into an error instead of a hung request.
 * The same in every environment, so the tests run what production runs.
 */
export function mongooseOptionsFromEnvironment(env: ServiceEnvironment): MongooseModuleFactoryOptions {
  const timeoutMs = env.MONGODB_TIMEOUT_MS;
  return {
    uri: env.MONGODB_URI,
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
    retryAttempts: 2,
    retryDelay: 1000,
    // Which server a service uses is the first thing to check when it cannot reach it: the
    // URI is logged, its password masked.
    onConnectionCreate: () =>
      new Logger('MongoModule').log(`Connecting to ${maskUriPasswords(env.MONGODB_URI)} (database ${env.MONGODB_DB_NAME})`),
    // Indexes are IndexProvisioner's, an explicit and bounded step of start-up.
    autoIndex: false,
    ...writeDefaultsFor(env.MONGODB_URI),
  };
}
