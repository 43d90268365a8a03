import { METRICS_BEARER_AUTH } from '@app/metrics';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ADMIN_BEARER_AUTH, API_DOCS_PATH } from './api-docs.constants';
import { ErrorResponseSchema } from './error-response.schema';

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
