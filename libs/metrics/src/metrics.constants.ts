/** Every metric of the project starts with this, so one selector finds them all. */
export const METRICS_PREFIX = 'client_messaging_';

/** DI token of the service's prom-client registry. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
