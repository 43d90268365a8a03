export * from './messaging-topics';
export * from './headers.constants';
export * from './client-message';
export * from './delivery-receipt';
export * from './strict-values';
export * from './messaging.error';
