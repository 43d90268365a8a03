/** Where the broker and database of this test run are; `npm test` sets both. */
export function testEnvironment(): { kafkaBrokers: string; mongodbUri: string } {
  const kafkaBrokers = process.env.KAFKA_BROKERS;
  const mongodbUri = process.env.MONGODB_URI;
  if (!kafkaBrokers || !mongodbUri) {
    throw new Error('KAFKA_BROKERS and MONGODB_URI must be set: run the end-to-end tests through `npm test`');
  }
  return { kafkaBrokers, mongodbUri };
}
