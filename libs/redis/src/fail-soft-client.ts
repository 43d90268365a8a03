import { RedisClient } from './redis.connections';

/**
 * The same connection, for code that ignores what its commands return (the
 * Socket.IO Redis adapter publishes and subscribes without waiting): a
 * command's failure goes to `onFailure`, each success to `onSuccess`, instead
 * of becoming an unhandled rejection, which would end the process.
 */
export function failSoftClient(
  client: RedisClient,
  onFailure: (error: unknown) => void,
  onSuccess: () => void = () => undefined,
): RedisClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...parameters: unknown[]) => unknown).apply(target, args);
        // The caller still gets the promise; with a handler attached, its rejection is not unhandled.
        if (result instanceof Promise) result.then(onSuccess, onFailure);
        return result;
      };
    },
  });
}
