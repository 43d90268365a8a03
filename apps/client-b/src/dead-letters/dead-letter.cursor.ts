/** A place in the dead-letter topic: a partition and an offset in it. */
export interface DeadLetterPosition {
  readonly partition: number;
  readonly offset: string;
}

const CURSOR = /^(\d{1,6}):(\d{1,19})$/;

/** `<partition>:<offset>`: readable, and what an operator types in the CLI. */
export function encodeDeadLetterCursor({ partition, offset }: DeadLetterPosition): string {
  return `${partition}:${offset}`;
}

/** The position a cursor names, or undefined when it is not one. */
export function decodeDeadLetterCursor(cursor: string): DeadLetterPosition | undefined {
  const match = CURSOR.exec(cursor);
  return match ? { partition: Number(match[1]), offset: String(BigInt(match[2])) } : undefined;
}
