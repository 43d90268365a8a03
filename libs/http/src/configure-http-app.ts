import { ServiceEnvironment } from '@app/config';
import { HttpMetrics } from '@app/metrics';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { createValidationPipe } from './request-validation';
import { HttpExceptionFilter } from './http-exception.filter';
import { applyHttpTimeouts } from './create-fastify-adapter';
import helmet from '@fastify/helmet';
import { FastifyInstance } from 'fastify';
import { IncomingMessage } from 'node:http';
import { API_DOCS_PATH } from './api-docs';

/**
 * What both services set up the same way before they listen. Create the app
 * with `{ bufferLogs: true }`: what Nest logs before the LoggingModule starts
 * is then written by the service's logger too, in its format and with its
 * redaction (the LoggingModule makes it Nest's logger and flushes the buffer).
 */
export async function configureHttpApp(app: NestFastifyApplication): Promise<ServiceEnvironment> {
  const env = app.get(ServiceEnvironment);
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
  applyHttpTimeouts(app.getHttpServer(), env);
  await useSecurityHeaders(app);
  // Before the routes are registered (at listen), so the hook times every one of them.
  app.get(HttpMetrics).install(app.getHttpAdapter().getInstance());
  return env;
}

const DOCS_PREFIX = `/${API_DOCS_PATH}`;

// The Swagger UI's page carries inline <style> blocks and style attributes (its template, not ours).
function isSwaggerUi(request: IncomingMessage): boolean {
  const url = request.url ?? '';
  return url === DOCS_PREFIX || url.startsWith(`${DOCS_PREFIX}/`) || url.startsWith(`${DOCS_PREFIX}?`);
}

/**
 * The Content-Security-Policy of every answer. Scripts, styles, images and
 * fonts come from the service itself only, with no inline script at all (a
 * message's text shown as markup could run nothing); inline styles are allowed
 * on the Swagger UI alone. `connect-src` also allows other http(s) origins:
 * client-b's page sends through client-a, whose address the page's user
 * chooses (`?sender=`), and the CORS rules of client-a decide who may call it.
 */
export const CONTENT_SECURITY_POLICY_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", (request: IncomingMessage) => (isSwaggerUi(request) ? "'unsafe-inline'" : "'self'")],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'", 'http:', 'https:'],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Security headers on every answer, by @fastify/helmet: the policy above,
 * `X-Frame-Options: DENY` (frame-ancestors for old browsers), `nosniff`,
 * `Referrer-Policy: no-referrer` (a page's address never leaves in a
 * Referer), HSTS and helmet's other defaults. Call before the routes are
 * registered (before `listen`).
 */
export async function useSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  // Through our copy of Fastify's types (Nest's adapter brings its own, which helmet's do not match).
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  await fastify.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: CONTENT_SECURITY_POLICY_DIRECTIVES,
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
