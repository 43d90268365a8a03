/**
 * The security scheme of routes that need ADMIN_TOKEN as a bearer token: the
 * default name of `@ApiBearerAuth()`, so such a route needs no argument.
 */
export const ADMIN_BEARER_AUTH = 'bearer';
/** Where the Swagger UI is served; the document itself is at `${API_DOCS_PATH}-json`. */
export const API_DOCS_PATH = 'docs';
