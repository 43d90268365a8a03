import proxyAddr from '@fastify/proxy-addr';
import { IncomingMessage } from 'node:http';

/**
 * The caller's address: the socket's peer, or, behind `trustedHops` proxies,
 * the address the outermost trusted proxy saw in X-Forwarded-For. Entries a
 * caller wrote into the header itself lie beyond the trusted hops and are
 * never taken.
 */
export function clientAddress(request: IncomingMessage, trustedHops: number): string {
  return proxyAddr(request, (_address, hop) => hop < trustedHops);
}
