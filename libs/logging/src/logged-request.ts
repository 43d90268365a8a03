import { IncomingHttpHeaders } from 'node:http';
import { REDACTED } from './create-secret-scrubber';

/** The request as pino's standard serializer gives it (or the raw request, outside pino-http). */
interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  headers?: IncomingHttpHeaders;
  remoteAddress?: string;
  remotePort?: number;
}

/**
 * What a log line says of a request: its method, its URL and the Referer with every query
 * value replaced by [Redacted], its other headers, the caller's address. Query strings are
 * where browsers put tokens (`/?token=`, `/messages/stream?access_token=`, and the page's own
 * address as the Referer of its CSS and JS): parameter names are kept, as they tell what was
 * asked, never values, whose names no list could foresee. `query` and `params` are left out:
 * the URL says the same.
 */
export function loggedRequest(request: SerializedRequest): Record<string, unknown> {
  const headers = { ...request.headers };
  if (typeof headers.referer === 'string') headers.referer = withoutQueryValues(headers.referer);
  return {
    id: request.id,
    method: request.method,
    url: request.url === undefined ? undefined : withoutQueryValues(request.url),
    headers,
    remoteAddress: request.remoteAddress,
    remotePort: request.remotePort,
  };
}

/**
 * `url` with the value of each query parameter replaced by [Redacted] (a parameter with no
 * "=" is all value) and without its fragment: `/s?token=abc&limit=5#x` → `/s?token=[Redacted]&limit=[Redacted]`.
 */
export function withoutQueryValues(url: string): string {
  const hash = url.indexOf('#');
  const withoutFragment = hash < 0 ? url : url.slice(0, hash);
  const question = withoutFragment.indexOf('?');
  if (question < 0) return withoutFragment;
  const parameters = withoutFragment
    .slice(question + 1)
    .split('&')
    .map((parameter) => {
      if (parameter === '') return parameter;
      const equals = parameter.indexOf('=');
      if (equals < 0) return REDACTED;
      return equals === parameter.length - 1 ? parameter : `${parameter.slice(0, equals)}=${REDACTED}`;
    });
  return `${withoutFragment.slice(0, question)}?${parameters.join('&')}`;
}
