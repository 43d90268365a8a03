/**
 * This deployment's names in Redis: under its topic namespace and its inbox
 * address, so environments (and tests) that share one Redis never hear each
 * other, as they never read each other's topics.
 */
export function liveChannelNames(
  topicNamespace: string,
  inboxAddress: string,
): { storedMessages: string; socketIoKey: string } {
  const base = `${topicNamespace}client-b:${inboxAddress}`;
  return { storedMessages: `${base}:stored-messages`, socketIoKey: `${base}:socket.io` };
}
