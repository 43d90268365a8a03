/** Where the broker, database and Redis of this test run are; `npm test` sets all three. */
export function testEnvironment(): { kafkaBrokers: string; mongodbUri: string; redisUrl: string } {
  const kafkaBrokers = process.env.KAFKA_BROKERS;
  const mongodbUri = process.env.MONGODB_URI;
  const redisUrl = process.env.REDIS_URL;
  if (!kafkaBrokers || !mongodbUri || !redisUrl) {
    throw new Error('KAFKA_BROKERS, MONGODB_URI and REDIS_URL must be set: run the end-to-end tests through `npm test`');
  }
  return { kafkaBrokers, mongodbUri, redisUrl };
}
