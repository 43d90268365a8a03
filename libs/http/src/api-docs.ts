import { METRICS_BEARER_AUTH } from '@app/metrics';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ErrorResponseSchema } from './error-response';

/**
 * The security scheme of routes that need ADMIN_TOKEN as a bearer token: the
 * default name of `@ApiBearerAuth()`, so such a route needs no argument.
 */
export const ADMIN_BEARER_AUTH = 'bearer';
/** Where the Swagger UI is served; the document itself is at `${API_DOCS_PATH}-json`. */
export const API_DOCS_PATH = 'docs';

/**
 * The service's OpenAPI 3 document, generated from its controllers and DTOs:
 * the Swagger UI at /docs and the JSON at /docs-json. Call before `listen`.
 */
export function setUpApiDocs(app: NestFastifyApplication, info: { title: string; description: string }): void {
  const config = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion('1.0')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'opaque', description: 'The ADMIN_TOKEN of the service' },
      ADMIN_BEARER_AUTH,
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description: 'The METRICS_TOKEN of the service, when it is set',
      },
      METRICS_BEARER_AUTH,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorResponseSchema] });
  // Only the JSON form: one document to keep right.
  SwaggerModule.setup(API_DOCS_PATH, app, document, { raw: ['json'] });
}
