import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';

/** One offending field of a request and why it was refused. */
export interface FieldError {
  readonly field: string;
  readonly reasons: string[];
}

/** The shape of every error response of this system's HTTP services. */
export interface ErrorResponse {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly fields?: FieldError[];
  /** On an answer whose outcome is unknown (504): the message to look up later. */
  readonly messageId?: string;
  readonly correlationId: string;
}

/** {@link FieldError} as the OpenAPI document shows it. */
export class FieldErrorSchema implements FieldError {
  @ApiProperty({ example: 'to', description: 'The field, query parameter or header refused' })
  field: string;

  @ApiProperty({
    type: [String],
    example: ['to must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit'],
  })
  reasons: string[];
}

/** {@link ErrorResponse}, the body of every error answer, as the OpenAPI document shows it. */
export class ErrorResponseSchema implements ErrorResponse {
  @ApiProperty({ type: 'integer', example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request', description: 'The reason phrase of the status code' })
  error: string;

  @ApiProperty({ example: 'Invalid request body: to' })
  message: string;

  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'On a 400: each refused field and why' })
  fields?: FieldError[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'On a 504 whose outcome is unknown: the message to look up later with GET /messages/{id}',
  })
  messageId?: string;

  @ApiProperty({
    example: '5b0e6c1e-8d5f-4a8e-9f52-0c8e4c1f2a77',
    description:
      "The request's x-correlation-id (the caller's, or a new one): every log line of the request carries it",
  })
  correlationId: string;
}

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
