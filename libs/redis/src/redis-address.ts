/**
 * Where a Redis URL points, for logs: scheme, host and port, never the
 * credentials the URL may carry.
 */
export function redisAddress(url: string): string {
  try {
    const { protocol, hostname, port } = new URL(url);
    return `${protocol}//${hostname}:${port || '6379'}`;
  } catch {
    return 'Redis (unparseable URL)';
  }
}
