import { FastifyAdapter } from '@nestjs/platform-fastify';
import { FastifyInstance } from 'fastify';
import { IncomingMessage, STATUS_CODES, Server } from 'node:http';
import { correlationIdOf } from './correlation-id';
import { useStrictJsonParser } from './strict-json.parser';
import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';
import { ErrorResponse } from './error-response';
import { ServiceEnvironment } from '@app/config';

/**
 * Above most load balancers' idle timeout (Render's included), so the proxy,
 * not the service, closes an idle keep-alive connection: the service closing
 * first races the proxy's next request on it, which then fails.
 */
export const HTTP_KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * How often Node looks for requests past their headers or request timeout: a
 * request is cut at most this long after its timeout (Node's default is 30 s).
 */
export const HTTP_TIMEOUT_CHECK_INTERVAL_MS = 1000;

/**
 * The service's HTTP server timeouts, from its environment; call before
 * `listen`. Node's checks read these at every interval, so setting them on
 * the created server is enough. Fastify's own are 0 (none) unless set.
 */
export function applyHttpTimeouts(server: Server, env: ServiceEnvironment): void {
  server.headersTimeout = env.HTTP_HEADERS_TIMEOUT_MS;
  server.requestTimeout = env.HTTP_REQUEST_TIMEOUT_MS;
  // The socket's inactivity timeout while a request is served; keep-alive waits use keepAliveTimeout.
  server.setTimeout(env.HTTP_IDLE_TIMEOUT_MS);
  server.keepAliveTimeout = HTTP_KEEP_ALIVE_TIMEOUT_MS;
}

/** The HTTP header a caller may send its correlation id in; every answer carries the request's. */
export const CORRELATION_ID_HTTP_HEADER = 'x-correlation-id';

/**
 * Fastify with a correlation id per request (the caller's if sent and
 * plausible, else a new UUID), echoed on every answer, and a strict JSON
 * parser as its only body parser. Create the app with `{ bodyParser: false }`,
 * or Nest adds its own JSON and form parsers.
 */
export function createFastifyAdapter(options: { bodyLimitBytes?: number } = {}): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 64 * 1024,
    genReqId: (request: IncomingMessage) => correlationIdOf(request.headers[CORRELATION_ID_HTTP_HEADER]),
    keepAliveTimeout: HTTP_KEEP_ALIVE_TIMEOUT_MS,
    // The headers and request timeouts themselves come from the environment (applyHttpTimeouts).
    http: { connectionsCheckingInterval: HTTP_TIMEOUT_CHECK_INTERVAL_MS },
    clientErrorHandler: answerClientError,
  });
  const fastify = adapter.getInstance<FastifyInstance>();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_ID_HTTP_HEADER, request.id);
    done();
  });
  // The API speaks JSON only: any other body type is answered 415 instead of reaching validation.
  fastify.removeContentTypeParser(['text/plain']);
  useStrictJsonParser(fastify);
  return adapter;
}

interface ClientError extends Error {
  code?: string;
}

// Node's parser error codes worth naming to the caller; the rest are "malformed HTTP".
const REASONS: Record<string, { statusCode: number; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { statusCode: 408, message: 'The request was not received in time' },
  HPE_HEADER_OVERFLOW: { statusCode: 431, message: 'The request headers are too large' },
  HPE_INVALID_CONTENT_LENGTH: { statusCode: 400, message: 'Malformed HTTP request: invalid Content-Length' },
  HPE_UNEXPECTED_CONTENT_LENGTH: {
    statusCode: 400,
    message: 'Malformed HTTP request: Content-Length with Transfer-Encoding',
  },
};
const MALFORMED = { statusCode: 400, message: 'Malformed HTTP request' };

/**
 * Answers a request Node's HTTP parser refused before Fastify saw it, in the
 * same error shape as every other error (Fastify's default uses its own).
 * There is no request, so the correlation id is a new one.
 */
export function answerClientError(error: ClientError, socket: Socket): void {
  // A reset connection is gone: nothing to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { statusCode, message } = REASONS[error.code ?? ''] ?? MALFORMED;
  const status = STATUS_CODES[statusCode] ?? 'Bad Request';
  const response: ErrorResponse = { statusCode, error: status, message, correlationId: randomUUID() };
  const body = JSON.stringify(response);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${statusCode} ${status}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
