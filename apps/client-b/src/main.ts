import 'reflect-metadata';
import { startupWaitOptions, waitForDependency } from '@app/config';
import { configureHttpApp, createFastifyAdapter, setUpApiDocs } from '@app/http';
import { RetryTopicServer, TopicProvisioner } from '@app/kafka';
import { RedisConnections } from '@app/redis';
import { INestApplication, Logger } from '@nestjs/common';
import { DatabaseConnector, IndexProvisioner } from '@app/mongo';
import { NestFactory } from '@nestjs/core';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { ClientBEnvironment } from './config/client-b.environment';
import { liveChannelNames } from './live/live.feed';
import { RedisIoAdapter } from './live/redis-io.adapter';
import { SocketIoHandshakeThrottle } from './rate-limit/socket-io-handshake.throttle';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(), {
    // The adapter's strict JSON parser is the only one: no form bodies, no lenient JSON.
    bodyParser: false,
    bufferLogs: true,
  });
  const env = await configureHttpApp(app);
  app.useWebSocketAdapter(app.get(SocketIoHandshakeThrottle).applyTo(await socketIoAdapter(app)));
  setUpApiDocs(app, {
    title: 'client-b',
    description:
      "Consumes client-a's messages from Kafka, keeps those for its address in MongoDB and serves them: the inbox " +
      '(GET /messages), its live stream (GET /messages/stream, Server-Sent Events) and the page at /. ' +
      'Not HTTP, so not listed below: Socket.IO at /socket.io/, namespace `/inbox`, event `message` with the ' +
      'same object as GET /messages shows, once each message is stored. Every error has the body of `ErrorResponseSchema`.',
  });
  // A dependency not reachable yet is waited for (nothing listens meanwhile, so Render keeps a running
  // instance in routing during a deploy); a configuration it refuses stops the start, naming the variable.
  const wait = startupWaitOptions(env, (line) => new Logger('ClientB').warn(line));
  // Before anything reads or writes: indexes (unique ones among them) and topics exist.
  const database = app.get(DatabaseConnector);
  const openDatabase = async () => {
    await database.connect();
    await app.get(IndexProvisioner).ensureIndexes();
  };
  await waitForDependency(database.address, openDatabase, wait);
  await waitForDependency(
    `Kafka at ${env.KAFKA_BROKERS.join(',')}`,
    () => app.get(TopicProvisioner).ensureTopics(),
    wait,
  );
  // The consumer is a Nest microservice transport; its handler is InboxHandler.
  app.connectMicroservice({ strategy: app.get(RetryTopicServer) });
  // Initialised before the consumer starts, so every live subscriber (the gateway, the Redis
  // feed) hears the very first message stored.
  await app.init();
  await app.startAllMicroservices();
  await app.listen(env.PORT, '0.0.0.0');
  new Logger('ClientB').log(
    `client-b listening on http://localhost:${env.PORT} (GET /messages, GET /messages/stream, Socket.IO /inbox)`,
  );
}

// With REDIS_URL, a broadcast reaches the sockets of every instance; without, this instance's.
async function socketIoAdapter(app: INestApplication): Promise<IoAdapter> {
  const connections = app.get(RedisConnections);
  if (!connections.enabled) return new IoAdapter(app);
  const { KAFKA_TOPIC_NAMESPACE, INBOX_ADDRESS } = app.get(ClientBEnvironment);
  const adapter = new RedisIoAdapter(app, connections);
  await adapter.connectToRedis(liveChannelNames(KAFKA_TOPIC_NAMESPACE, INBOX_ADDRESS).socketIoKey);
  return adapter;
}

bootstrap().catch((error: Error) => {
  new Logger('ClientB').error(`client-b failed to start: ${error.message}`);
  process.exit(1);
});
