/** Failures of a request that never reached the server, or that the client library refused itself. */
const NEVER_SENT = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoWaitQueueTimeoutError',
  'MongoPoolClearedError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongooseError',
]);
const NETWORK_FAILURES = new Set(['MongoNetworkError', 'MongoNetworkTimeoutError']);

/**
 * Whether a failed write may still have been applied: true when the request
 * may have reached the server and its answer was lost (a network error or a
 * timeout after sending, or anything unrecognised); false when it never left
 * or the server answered with an error code.
 */
export function mayHaveBeenApplied(error: unknown): boolean {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  if (typeof name === 'string' && NETWORK_FAILURES.has(name)) return true;
  if (typeof name === 'string' && NEVER_SENT.has(name)) return false;
  return typeof code !== 'number';
}
