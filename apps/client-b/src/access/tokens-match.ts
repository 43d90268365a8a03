import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a presented token is the expected one, in constant time: both are
 * hashed first, so the comparison always runs over two 32-byte digests and
 * takes as long whatever the token's length or how much of it is right.
 */
export function tokensMatch(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
