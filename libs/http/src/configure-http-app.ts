import { ServiceEnvironment } from '@app/config';
import { HttpMetrics } from '@app/metrics';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { createValidationPipe } from './create-validation.pipe';
import { HttpExceptionFilter } from './http-exception.filter';

/**
 * What both services set up the same way before they listen. Create the app
 * with `{ bufferLogs: true }`: what Nest logs while it starts is then written
 * by the service's logger too, in its format and with its redaction.
 */
export async function configureHttpApp(app: NestFastifyApplication): Promise<ServiceEnvironment> {
  const env = app.get(ServiceEnvironment);
  app.useLogger(app.get(Logger));
  // Nest would flush what it buffered only once the app listens: a start that fails
  // before (a broker refusing our credentials) would end without a line.
  app.flushLogs();
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
  // Before the routes are registered (at listen), so the hook times every one of them.
  app.get(HttpMetrics).install(app.getHttpAdapter().getInstance());
  return env;
}
