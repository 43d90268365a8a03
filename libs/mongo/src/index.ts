export * from './mongo.module';
export * from './mongoose-options.factory';
export * from './database.ping';
export * from './bulk-insert-results';
export * from './duplicate-tolerant-insert';
export * from './is-duplicate-key-error';
export * from './message.schema';
export * from './may-have-been-applied';
