import { randomBytes } from 'node:crypto';

/** A topic-name prefix no other test uses, e.g. "e2e-3f9a1c.": a fresh set of topics per test. */
export function uniqueNamespace(label = 'e2e'): string {
  return `${label}-${randomBytes(4).toString('hex')}.`;
}
