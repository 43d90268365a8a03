import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseSchema } from './error-response.schema';

/**
 * Documents error answers of a route, each with our one error body; `errors`
 * maps a status code to when it is answered.
 */
export function ApiErrorResponses(errors: Readonly<Record<number, string>>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...Object.entries(errors).map(([status, description]) =>
      ApiResponse({ status: Number(status), description, type: ErrorResponseSchema }),
    ),
  );
}
