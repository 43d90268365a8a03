/** Metadata key: the route also accepts its token as a query parameter. */
export const TOKEN_IN_QUERY = 'access:token-in-query';
/** The query parameter a token may travel in, RFC 6750's name for it. */
export const ACCESS_TOKEN_QUERY_PARAMETER = 'access_token';
