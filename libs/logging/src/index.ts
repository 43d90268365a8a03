export * from './logging.module';
export * from './logger-params.factory';
export * from './create-secret-scrubber';
export * from './mask-uri-passwords';
export * from './bound-log-fields';
