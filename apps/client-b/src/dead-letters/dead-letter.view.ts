import { boundedText, DeadLetter, OriginalPosition } from '@app/kafka';

/** Longest payload text shown; a longer one is cut and marked. */
export const SHOWN_VALUE_MAX_BYTES = 16 * 1024;
/** Longest key shown (ours is a client address of at most 64 characters); a longer one is cut, its size noted. */
export const SHOWN_KEY_MAX_BYTES = 1024;

/** One dead letter as GET /dead-letters shows it. */
export interface DeadLetterView {
  /** `<partition>:<offset>` in the dead-letter topic: what a replay names. */
  readonly position: string;
  readonly partition: number;
  readonly offset: string;
  /** Null when its timestamp is no time a Date can hold. */
  readonly deadLetteredAt: string | null;
  readonly messageId: string | null;
  readonly original: OriginalPosition | null;
  readonly errorClass: string | null;
  readonly errorMessage: string | null;
  /** Retries it had before it was dead-lettered; attempts = retries + 1. */
  readonly retries: number;
  readonly attempts: number;
  readonly firstFailureAt: string | null;
  readonly lastFailureAt: string | null;
  readonly key: string | null;
  /** The value as parsed JSON when it is JSON, else its text; null when it has none. */
  readonly payload: unknown;
  readonly payloadTruncated: boolean;
  readonly valueBytes: number;
  /** Sent without its value because it was too large to forward: the bytes it had. */
  readonly valueOmittedBytes: number | null;
  readonly replayedFrom: string | null;
  /** When an operator replayed it (null: not yet). */
  replayedAt: string | null;
  /** When the message is in the inbox (null: not stored, or not for this inbox). */
  storedAt: string | null;
}

export function toDeadLetterView(deadLetter: DeadLetter): DeadLetterView {
  const { record } = deadLetter;
  const value = record.value;
  const shown = value === null ? null : shownText(value);
  return {
    position: `${deadLetter.partition}:${deadLetter.offset}`,
    partition: deadLetter.partition,
    offset: deadLetter.offset,
    deadLetteredAt: deadLetter.deadLetteredAt === null ? null : new Date(deadLetter.deadLetteredAt).toISOString(),
    messageId: deadLetter.messageId,
    original: deadLetter.original,
    errorClass: deadLetter.errorClass,
    errorMessage: deadLetter.errorMessage,
    retries: deadLetter.retries,
    attempts: deadLetter.attempts,
    firstFailureAt: deadLetter.firstFailureAt,
    lastFailureAt: deadLetter.lastFailureAt,
    key: record.key === null ? null : boundedText(record.key, SHOWN_KEY_MAX_BYTES),
    payload: shown === null ? null : shown.truncated ? shown.text : parsedOrText(shown.text),
    payloadTruncated: shown?.truncated ?? false,
    valueBytes: value?.length ?? 0,
    valueOmittedBytes: deadLetter.valueOmittedBytes,
    replayedFrom: deadLetter.replayedFrom,
    replayedAt: null,
    storedAt: null,
  };
}

/**
 * What a view weighs, an upper bound: its texts at two bytes a character (a
 * parsed payload's strings are its text's), plus room for numbers and names.
 */
export function viewSize(view: DeadLetterView): number {
  const texts = [
    view.messageId,
    view.errorClass,
    view.errorMessage,
    view.key,
    view.replayedFrom,
    view.original?.topic ?? null,
  ];
  const textLength = texts.reduce((sum, text) => sum + (text?.length ?? 0), 0);
  return 2 * (Math.min(view.valueBytes, SHOWN_VALUE_MAX_BYTES) + textLength) + 1024;
}

// Copied out of the fetch buffer, so a kept view never pins a whole fetch response.
function shownText(bytes: Buffer): { text: string; truncated: boolean } {
  const truncated = bytes.length > SHOWN_VALUE_MAX_BYTES;
  return { text: bytes.subarray(0, SHOWN_VALUE_MAX_BYTES).toString('utf8'), truncated };
}

function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
