import { IDEMPOTENCY_KEY_HEADER } from '@app/contracts';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { IdempotencyKeyPipe } from './idempotency-key.pipe';

const header = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  return context.switchToHttp().getRequest<FastifyRequest>().headers[IDEMPOTENCY_KEY_HEADER];
});

/** The request's Idempotency-Key header, validated; undefined when absent. */
export const IdempotencyKeyHeader = (): ParameterDecorator => header(undefined, IdempotencyKeyPipe);
