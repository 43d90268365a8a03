import { ServiceEnvironment } from '@app/config';
import { HttpMetrics } from '@app/metrics';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { createValidationPipe } from './create-validation.pipe';
import { HttpExceptionFilter } from './http-exception.filter';
import { applyHttpTimeouts } from './http-timeouts';
import { useSecurityHeaders } from './security-headers';

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
