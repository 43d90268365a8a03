import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorResponse, FieldError } from './error-response';

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
