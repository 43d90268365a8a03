import { SetMetadata } from '@nestjs/common';
import { TOKEN_IN_QUERY } from './access.constants';

/**
 * Lets a route take its token from `?access_token=` too. Only for a browser's
 * EventSource, which cannot send an Authorization header; a query string ends
 * up in proxies' and servers' access logs, so no other route accepts it.
 */
export const TokenInQuery = () => SetMetadata(TOKEN_IN_QUERY, true);
