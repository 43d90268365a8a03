import { randomUUID } from 'node:crypto';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

/** What a caller's correlation id may be: 1 to 128 visible ASCII characters, no spaces. */
export const CORRELATION_ID_PATTERN = /^[\x21-\x7E]{1,128}$/;

/**
 * The correlation id of a request: the caller's x-correlation-id when it is a
 * plausible one, else a new UUID. It goes into every log line of the request
 * and into a header of the Kafka record, so an unbounded value is not taken.
 */
export function correlationIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && CORRELATION_ID_PATTERN.test(header) ? header : randomUUID();
}

/** The request's correlation id (see createFastifyAdapter), for work that outlives the request. */
export const CorrelationId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  return String(context.switchToHttp().getRequest<FastifyRequest>().id);
});
