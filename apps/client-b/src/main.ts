import 'reflect-metadata';
import { configureHttpApp, createFastifyAdapter } from '@app/http';
import { RetryTopicServer, TopicProvisioner } from '@app/kafka';
import { IndexProvisioner } from '@app/mongo';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(), {
    // The adapter's strict JSON parser is the only one: no form bodies, no lenient JSON.
    bodyParser: false,
  });
  const env = await configureHttpApp(app);
  app.useWebSocketAdapter(new IoAdapter(app));
  // Before anything reads or writes: indexes (unique ones among them) and topics exist.
  await app.get(IndexProvisioner).ensureIndexes();
  await app.get(TopicProvisioner).ensureTopics();
  // The consumer is a Nest microservice transport; its handler is InboxHandler.
  app.connectMicroservice({ strategy: app.get(RetryTopicServer) });
  await app.startAllMicroservices();
  await app.listen(env.PORT, '0.0.0.0');
  new Logger('ClientB').log(`client-b listening on http://localhost:${env.PORT} (GET /messages, GET /messages/stream, Socket.IO /inbox)`);
}

bootstrap().catch((error: Error) => {
  new Logger('ClientB').error(`client-b failed to start: ${error.message}`);
  process.exit(1);
});
