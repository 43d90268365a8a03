export * from './wait-until';
export * from './unique-namespace';
export * from './kafka-test.client';
