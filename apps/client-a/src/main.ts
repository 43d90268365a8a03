import 'reflect-metadata';
import { configureHttpApp, createFastifyAdapter, setUpApiDocs } from '@app/http';
import { TopicProvisioner } from '@app/kafka';
import { IndexProvisioner } from '@app/mongo';
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
  // Before anything reads or writes: indexes (unique ones among them) and topics exist.
  await app.get(IndexProvisioner).ensureIndexes();
  setUpApiDocs(app, {
    title: 'client-a',
    description:
      'Accepts messages from one client to another, stores the sender\'s copy in MongoDB and publishes them to Kafka ' +
      'for client-b. Every answer carries an X-Correlation-Id; every error has the body of `ErrorResponseSchema`.',
  });
  await app.get(TopicProvisioner).ensureTopics();
  await app.listen(env.PORT, '0.0.0.0');
  new Logger('ClientA').log(`client-a listening on http://localhost:${env.PORT} (POST /send-message)`);
}

bootstrap().catch((error: Error) => {
  new Logger('ClientA').error(`client-a failed to start: ${error.message}`);
  process.exit(1);
});
