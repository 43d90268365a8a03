import { logLevelsFrom, ServiceEnvironment } from '@app/config';
import { HttpMetrics } from '@app/metrics';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createValidationPipe } from './create-validation.pipe';
import { HttpExceptionFilter } from './http-exception.filter';

/** What both services set up the same way before they listen. */
export async function configureHttpApp(app: NestFastifyApplication): Promise<ServiceEnvironment> {
  const env = app.get(ServiceEnvironment);
  app.useLogger(logLevelsFrom(env.LOG_LEVEL));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
  // Before the routes are registered (at listen), so the hook times every one of them.
  app.get(HttpMetrics).install(app.getHttpAdapter().getInstance());
  return env;
}
