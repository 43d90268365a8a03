import { ValidationError, ValidationPipe, BadRequestException } from '@nestjs/common';
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

/** Whitelists DTO fields, refuses unknown ones, and names each bad field with its reasons. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(errors.flatMap((error) => toFieldErrors(error))),
  });
}

function toFieldErrors(error: ValidationError, parent = ''): FieldError[] {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = error.constraints ? [{ field, reasons: Object.values(error.constraints) }] : [];
  return [...own, ...(error.children ?? []).flatMap((child) => toFieldErrors(child, field))];
}
