import { STATUS_CODES } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';
import { ErrorResponse } from './error-response';

interface ClientError extends Error {
  code?: string;
}

// Node's parser error codes worth naming to the caller; the rest are "malformed HTTP".
const REASONS: Record<string, { statusCode: number; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { statusCode: 408, message: 'The request was not received in time' },
  HPE_HEADER_OVERFLOW: { statusCode: 431, message: 'The request headers are too large' },
  HPE_INVALID_CONTENT_LENGTH: { statusCode: 400, message: 'Malformed HTTP request: invalid Content-Length' },
  HPE_UNEXPECTED_CONTENT_LENGTH: {
    statusCode: 400,
    message: 'Malformed HTTP request: Content-Length with Transfer-Encoding',
  },
};
const MALFORMED = { statusCode: 400, message: 'Malformed HTTP request' };

/**
 * Answers a request Node's HTTP parser refused before Fastify saw it, in the
 * same error shape as every other error (Fastify's default uses its own).
 * There is no request, so the correlation id is a new one.
 */
export function answerClientError(error: ClientError, socket: Socket): void {
  // A reset connection is gone: nothing to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { statusCode, message } = REASONS[error.code ?? ''] ?? MALFORMED;
  const status = STATUS_CODES[statusCode] ?? 'Bad Request';
  const response: ErrorResponse = { statusCode, error: status, message, correlationId: randomUUID() };
  const body = JSON.stringify(response);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${statusCode} ${status}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
