export * from './error-response';
export * from './request-validation.error';
export * from './create-validation.pipe';
export * from './http-exception.filter';
export * from './create-fastify-adapter';
export * from './health.controller';
export * from './configure-http-app';
export * from './strict-json.parser';
