export * from './metrics.constants';
export * from './metrics.module';
export * from './http.metrics';
export * from './fresh-result.cache';
