import { createHash, timingSafeEqual } from 'node:crypto';
import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { FastifyReply } from 'fastify';

const BEARER = /^Bearer[ ]+([\x21-\x7e]+)[ ]*$/i;

/** The token of an `Authorization: Bearer <token>` header (RFC 6750); undefined for any other. */
export function bearerTokenOf(authorization: string | string[] | undefined): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  return BEARER.exec(authorization)?.[1];
}

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

/** What a request's token means for a resource guarded by `expected`. */
export type TokenCheck = 'open' | 'allowed' | 'missing' | 'wrong';

/** `open` when no token is configured; else whether the presented one matches it. */
export function checkToken(expected: string | undefined, presented: string | undefined): TokenCheck {
  if (expected === undefined) return 'open';
  if (presented === undefined || presented === '') return 'missing';
  return tokensMatch(presented, expected) ? 'allowed' : 'wrong';
}

/** Lets the request through, or throws the answer: 401 without a token, 403 with a wrong one. */
export function enforceToken(check: TokenCheck, reply: FastifyReply, realm: string, variable: string): true {
  if (check === 'open' || check === 'allowed') return true;
  if (check === 'missing') {
    void reply.header('www-authenticate', `Bearer realm="${realm}"`);
    throw new UnauthorizedException(`An Authorization: Bearer header with ${variable} is required`);
  }
  throw new ForbiddenException(`The bearer token is not ${variable}`);
}
