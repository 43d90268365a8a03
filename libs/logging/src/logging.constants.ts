/** DI token of the provider that makes the service's logger Nest's while the app starts. */
export const LOGGER_ADOPTED = Symbol('LOGGER_ADOPTED');
