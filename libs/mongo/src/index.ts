export * from './mongo.module';
export * from './mongoose-options.factory';
export * from './database.health';
export * from './bulk-insert-results';
export * from './write-errors';
export * from './message.schema';
export * from './schema-indexes';
export * from './database.connector';
