export * from './redis-test.client';
