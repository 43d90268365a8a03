/** Every metric of the project starts with this, so one selector finds them all. */
export const METRICS_PREFIX = 'client_messaging_';

/** DI token of the service's prom-client registry. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** The security scheme of `GET /metrics` in the API documents: METRICS_TOKEN as a bearer token, when it is set. */
export const METRICS_BEARER_AUTH = 'metrics';
