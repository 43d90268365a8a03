import { tokensMatch } from './tokens-match';

/** What a request's token means for a resource guarded by `expected`. */
export type TokenCheck = 'open' | 'allowed' | 'missing' | 'wrong';

/** `open` when no token is configured; else whether the presented one matches it. */
export function checkToken(expected: string | undefined, presented: string | undefined): TokenCheck {
  if (expected === undefined) return 'open';
  if (presented === undefined || presented === '') return 'missing';
  return tokensMatch(presented, expected) ? 'allowed' : 'wrong';
}
