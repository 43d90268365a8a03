import { FastifyAdapter } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { answerClientError } from './client-error.handler';
import { useStrictJsonParser } from './strict-json.parser';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

/**
 * Fastify with a correlation id per request (the caller's if sent, else a new
 * UUID) and a strict JSON parser as its only body parser. Create the app with
 * `{ bodyParser: false }`, or Nest adds its own JSON and form parsers.
 */
export function createFastifyAdapter(options: { bodyLimitBytes?: number } = {}): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 64 * 1024,
    requestIdHeader: CORRELATION_ID_HEADER,
    genReqId: () => randomUUID(),
    // Node's default keep-alive is shorter than most load balancers' (Render's included).
    keepAliveTimeout: 65_000,
    clientErrorHandler: answerClientError,
  });
  // The API speaks JSON only: any other body type is answered 415 instead of reaching validation.
  adapter.getInstance().removeContentTypeParser(['text/plain']);
  useStrictJsonParser(adapter.getInstance());
  return adapter;
}
