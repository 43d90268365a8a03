import { FastifyAdapter } from '@nestjs/platform-fastify';
import { FastifyInstance } from 'fastify';
import { IncomingMessage } from 'node:http';
import { answerClientError } from './client-error.handler';
import { correlationIdOf } from './correlation-id-of';
import { HTTP_KEEP_ALIVE_TIMEOUT_MS, HTTP_TIMEOUT_CHECK_INTERVAL_MS } from './http-timeouts';
import { useStrictJsonParser } from './strict-json.parser';

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
