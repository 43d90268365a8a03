import { ValidateBy } from 'class-validator';

// [user[:password]@]host[:port][/db]; a percent-encoded password may hold anything but '@' and '/'.
const REDIS_URL = /^rediss?:\/\/(?:[^\s@/]*@)?[^\s@/:]+(?::\d{1,5})?(?:\/\d{1,2})?\/?$/;

/** A `redis://` or `rediss://` URL with a host, and a port in range when given. */
export function IsRedisUrl(): PropertyDecorator {
  return ValidateBy({
    name: 'isRedisUrl',
    validator: { validate: isRedisUrl, defaultMessage: () => 'must be a redis:// or rediss:// URL' },
  });
}

function isRedisUrl(value: unknown): boolean {
  if (typeof value !== 'string' || !REDIS_URL.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
