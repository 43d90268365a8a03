import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { ErrorResponse } from './error-response';
import { RequestValidationError } from './request-validation';

/**
 * The one place that turns an exception into an HTTP answer: every error has
 * the same shape and the request's correlation id. Unexpected errors are
 * logged with their stack and answered without internals.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = this.toBody(exception, String(request.id));
    if (body.statusCode >= 500) this.logUnexpected(exception, body.correlationId);
    void reply.status(body.statusCode).header('x-correlation-id', body.correlationId).send(body);
  }

  private toBody(exception: unknown, correlationId: string): ErrorResponse {
    if (exception instanceof RequestValidationError) {
      return { ...this.base(exception, correlationId), fields: exception.fields };
    }
    if (exception instanceof HttpException) return this.base(exception, correlationId);
    const statusCode = fastifyStatus(exception) ?? HttpStatus.INTERNAL_SERVER_ERROR;
    const message = statusCode < 500 ? (exception as Error).message : 'Internal server error';
    return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, correlationId };
  }

  private base(exception: HttpException, correlationId: string): ErrorResponse {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const body = typeof response === 'string' ? {} : (response as { message?: unknown; messageId?: unknown });
    const message = typeof response === 'string' ? response : (textOf(body.message) ?? exception.message);
    const base = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, correlationId };
    return typeof body.messageId === 'string' ? { ...base, messageId: body.messageId } : base;
  }

  private logUnexpected(exception: unknown, correlationId: string): void {
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error(`[${correlationId}] ${error.message}`, error.stack);
  }
}

// Fastify's own errors (bad JSON, wrong content type, body too large) carry a 4xx statusCode.
function fastifyStatus(exception: unknown): number | undefined {
  const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 600 ? statusCode : undefined;
}

// Nest's bodies carry `message` as a string or, from its own ValidationPipe, a list of them.
function textOf(message: unknown): string | undefined {
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join(', ');
  return undefined;
}
