import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

/** The request's correlation id (see createFastifyAdapter), for work that outlives the request. */
export const CorrelationId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  return String(context.switchToHttp().getRequest<FastifyRequest>().id);
});
