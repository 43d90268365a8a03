import { IDEMPOTENCY_KEY_PATTERN, IDEMPOTENCY_KEY_HEADER } from '@app/contracts';
import { RequestValidationError } from '@app/http';
import { Injectable, PipeTransform, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

/** Lets an absent Idempotency-Key through; refuses one that is empty, too long or not visible ASCII. */
@Injectable()
export class IdempotencyKeyPipe implements PipeTransform<string | undefined, string | undefined> {
  transform(value: string | undefined): string | undefined {
    if (value === undefined || IDEMPOTENCY_KEY_PATTERN.test(value)) return value;
    throw new RequestValidationError(
      [
        {
          field: 'Idempotency-Key',
          reasons: ['Idempotency-Key must be 1-128 visible ASCII characters, without spaces'],
        },
      ],
      'Invalid Idempotency-Key header',
    );
  }
}

const header = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  return context.switchToHttp().getRequest<FastifyRequest>().headers[IDEMPOTENCY_KEY_HEADER];
});

/** The request's Idempotency-Key header, validated; undefined when absent. */
export const IdempotencyKeyHeader = (): ParameterDecorator => header(undefined, IdempotencyKeyPipe);
