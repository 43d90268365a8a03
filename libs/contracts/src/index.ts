export * from './topics.constants';
export * from './messaging-topics';
export * from './headers.constants';
export * from './client-address.constants';
export * from './client-message.payload';
export * from './invalid-client-message.error';
export * from './parse-client-message';
