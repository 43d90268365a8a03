import { failSoftClient, FailureTally, RedisConnections } from '@app/redis';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server, ServerOptions } from 'socket.io';

/**
 * Socket.IO through Redis (@socket.io/redis-adapter, the NestJS RedisIoAdapter
 * recipe): a broadcast on one instance reaches the sockets of every instance,
 * each once, in the order it was made. While Redis is away, a broadcast still
 * reaches this instance's own sockets; the other instances' sockets miss it
 * (logged once per outage), and see it on the page's next load.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly logger = new Logger(RedisIoAdapter.name);
  private adapterConstructor?: ReturnType<typeof createAdapter>;

  constructor(
    app: INestApplicationContext,
    private readonly connections: RedisConnections,
  ) {
    super(app);
  }

  /** Opens the adapter's two connections, its channels under `key`; waits for them at most the connect timeout. */
  async connectToRedis(key: string): Promise<void> {
    const publisher = this.connections.open('socket.io (publish)', 'commands');
    const subscriber = this.connections.open('socket.io (subscribe)', 'subscriber');
    if (!(await this.connections.whenReady([publisher, subscriber]))) {
      this.logger.warn("Redis does not answer yet: broadcasts reach only this instance's sockets until it does");
    }
    const failures = new FailureTally(
      this.logger,
      'Socket.IO fan-out through Redis',
      "broadcasts reach only this instance's sockets",
    );
    const failed = (error: unknown) => failures.failed(error);
    const succeeded = () => failures.succeeded();
    // The adapter never waits for its commands: a failure must not become an unhandled rejection.
    this.adapterConstructor = createAdapter(
      failSoftClient(publisher, failed, succeeded),
      failSoftClient(subscriber, failed, succeeded),
      { key },
    );
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    if (this.adapterConstructor) server.adapter(this.adapterConstructor);
    return server;
  }
}
