import { BadRequestException } from '@nestjs/common';
import { FieldError } from './error-response';

/** A request body that failed validation; carries every offending field. */
export class RequestValidationError extends BadRequestException {
  constructor(readonly fields: FieldError[]) {
    super(`Invalid request body: ${fields.map((field) => field.field).join(', ')}`);
  }
}
