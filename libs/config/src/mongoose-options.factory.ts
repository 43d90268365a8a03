import { MongooseModuleFactoryOptions } from '@nestjs/mongoose';
import { ServiceEnvironment } from './service.environment';

/**
 * MongoDB connection settings: every wait is bounded by MONGODB_TIMEOUT_MS,
 * so a database that hangs turns into an error instead of a hung request.
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
    retryAttempts: 2,
    retryDelay: 1000,
  };
}
