export * from './logging.module';
export * from './logger-params.factory';
export * from './create-secret-scrubber';
export * from './mask-uri-passwords';
export * from './redacted-paths.constants';
export * from './logging.constants';
export * from './bound-log-fields';
export * from './logged-request';
