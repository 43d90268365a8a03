import { BadRequestException } from '@nestjs/common';
import { FieldError } from './error-response';

/** A request (its body, unless the message says otherwise) that failed validation; carries every offending field. */
export class RequestValidationError extends BadRequestException {
  constructor(
    readonly fields: FieldError[],
    message = `Invalid request body: ${fields.map((field) => field.field).join(', ')}`,
  ) {
    super(message);
  }
}
