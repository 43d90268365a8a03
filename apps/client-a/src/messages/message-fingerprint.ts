import { createHash } from 'node:crypto';

/** Identifies a request's content, so one Idempotency-Key cannot stand for two different messages. */
export function messageFingerprint(message: { from: string; to: string; message: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([message.from, message.to, message.message]))
    .digest('hex');
}
