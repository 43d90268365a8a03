import 'reflect-metadata';
import { startupWaitOptions, waitForDependency } from '@app/config';
import { configureHttpApp, createFastifyAdapter, setUpApiDocs } from '@app/http';
import { TopicProvisioner } from '@app/kafka';
import { DatabaseConnector, IndexProvisioner } from '@app/mongo';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { ClientAEnvironment } from './config/client-a.environment';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(), {
    // The adapter's strict JSON parser is the only one: no form bodies, no lenient JSON.
    bodyParser: false,
    bufferLogs: true,
  });
  const env = await configureHttpApp(app);
  const { CORS_ORIGINS } = app.get(ClientAEnvironment);
  // client-b's page sends from the browser; Prefer and Idempotency-Key make its requests preflighted.
  app.enableCors({
    origin: CORS_ORIGINS,
    allowedHeaders: ['content-type', 'prefer', 'idempotency-key', 'x-correlation-id'],
    exposedHeaders: ['preference-applied', 'idempotent-replayed', 'x-correlation-id', 'retry-after'],
  });
  // A dependency not reachable yet is waited for (nothing listens meanwhile, so Render keeps a running
  // instance in routing during a deploy); a configuration it refuses stops the start, naming the variable.
  const wait = startupWaitOptions(env, (line) => new Logger('ClientA').warn(line));
  // Before anything reads or writes: indexes (unique ones among them) and topics exist.
  const database = app.get(DatabaseConnector);
  const openDatabase = async () => {
    await database.connect();
    await app.get(IndexProvisioner).ensureIndexes();
  };
  await waitForDependency(database.address, openDatabase, wait);
  setUpApiDocs(app, {
    title: 'client-a',
    description:
      "Accepts messages from one client to another, stores the sender's copy in MongoDB and publishes them to Kafka " +
      'for client-b. Every answer carries an X-Correlation-Id; every error has the body of `ErrorResponseSchema`.',
  });
  await waitForDependency(
    `Kafka at ${env.KAFKA_BROKERS.join(',')}`,
    () => app.get(TopicProvisioner).ensureTopics(),
    wait,
  );
  await app.listen(env.PORT, '0.0.0.0');
  new Logger('ClientA').log(`client-a listening on http://localhost:${env.PORT} (POST /send-message)`);
}

bootstrap().catch((error: Error) => {
  new Logger('ClientA').error(`client-a failed to start: ${error.message}`);
  process.exit(1);
});
