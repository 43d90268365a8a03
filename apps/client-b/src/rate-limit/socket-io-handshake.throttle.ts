import { clientAddress, ErrorResponse, rateLimitMessage } from '@app/http';
import { Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createHash, randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { Server } from 'socket.io';
import { ClientBEnvironment } from '../config/client-b.environment';

/** What engine.io hands its middlewares: a request with its parsed query; an HTTP answer, or a stand-in over the upgrade's socket. */
type EngineRequest = IncomingMessage & { _query?: Record<string, string | undefined> };
type EngineResponse = ServerResponse | { socket: Socket };

/** The throttler's name for these counts (its HTTP routes use `default`). */
const THROTTLER_NAME = 'socket.io-handshake';

/**
 * Socket.IO connection attempts count against the caller's rate limit, as
 * HTTP routes do (RATE_LIMIT_PER_MINUTE per RATE_LIMIT_WINDOW_MS per address,
 * in the same store): a handshake past it is answered 429 with `Retry-After`
 * before engine.io opens a session. Nest's guards run per event, never at the
 * handshake, so this is an engine.io middleware. Requests of an open session
 * (`sid`) do not count.
 */
@Injectable()
export class SocketIoHandshakeThrottle {
  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    private readonly env: ClientBEnvironment,
  ) {}

  /** Has every Socket.IO server `adapter` creates (at `app.init()`) count its handshakes. */
  applyTo<T extends IoAdapter>(adapter: T): T {
    const createIOServer = adapter.createIOServer.bind(adapter);
    adapter.createIOServer = (port, options) => {
      const server = createIOServer(port, options) as Server;
      server.engine.use(
        (request: EngineRequest, response: EngineResponse, next: (error?: Error) => void) =>
          void this.admit(request, response, next),
      );
      return server;
    };
    return adapter;
  }

  private async admit(request: EngineRequest, response: EngineResponse, next: (error?: Error) => void): Promise<void> {
    const limit = this.env.RATE_LIMIT_PER_MINUTE;
    if (limit === 0 || request._query?.sid !== undefined) return next();
    const ttl = this.env.RATE_LIMIT_WINDOW_MS;
    const key = createHash('sha256')
      .update(`${THROTTLER_NAME}-${clientAddress(request, this.env.TRUST_PROXY_HOPS)}`)
      .digest('hex');
    const record = await this.storage.increment(key, ttl, limit, ttl, THROTTLER_NAME).catch(() => undefined);
    // A store that fails lets the connection through: the rate limit must not take the inbox down.
    if (record === undefined || !record.isBlocked) return next();
    refuse(response, record.timeToBlockExpire, rateLimitMessage(this.env, record.timeToBlockExpire));
  }
}

// Answered here, and engine.io is never called on: it opens no session for the request.
function refuse(response: EngineResponse, retryAfterSeconds: number, message: string): void {
  const body: ErrorResponse = { statusCode: 429, error: 'Too Many Requests', message, correlationId: randomUUID() };
  const json = JSON.stringify(body);
  const headers = { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfterSeconds) };
  if (response instanceof ServerResponse) {
    response.writeHead(429, headers).end(json);
    return;
  }
  // A WebSocket upgrade: no HTTP answer object, the raw socket.
  const { socket } = response;
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Type: ${headers['content-type']}\r\n` +
        `Retry-After: ${retryAfterSeconds}\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`,
    );
  }
  socket.destroy();
}
