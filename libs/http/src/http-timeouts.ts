import { ServiceEnvironment } from '@app/config';
import { Server } from 'node:http';

/**
 * Above most load balancers' idle timeout (Render's included), so the proxy,
 * not the service, closes an idle keep-alive connection: the service closing
 * first races the proxy's next request on it, which then fails.
 */
export const HTTP_KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * How often Node looks for requests past their headers or request timeout: a
 * request is cut at most this long after its timeout (Node's default is 30 s).
 */
export const HTTP_TIMEOUT_CHECK_INTERVAL_MS = 1000;

/**
 * The service's HTTP server timeouts, from its environment; call before
 * `listen`. Node's checks read these at every interval, so setting them on
 * the created server is enough. Fastify's own are 0 (none) unless set.
 */
export function applyHttpTimeouts(server: Server, env: ServiceEnvironment): void {
  server.headersTimeout = env.HTTP_HEADERS_TIMEOUT_MS;
  server.requestTimeout = env.HTTP_REQUEST_TIMEOUT_MS;
  // The socket's inactivity timeout while a request is served; keep-alive waits use keepAliveTimeout.
  server.setTimeout(env.HTTP_IDLE_TIMEOUT_MS);
  server.keepAliveTimeout = HTTP_KEEP_ALIVE_TIMEOUT_MS;
}
