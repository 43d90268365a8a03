/** How much one page or one replay may hold: messages, and bytes of them as JSON. */
export interface ReadBudget {
  readonly maxMessages: number;
  readonly maxBytes: number;
}

/** What was taken, and whether more would have followed (the budget cut it short). */
export interface BudgetedRead<T> {
  readonly items: T[];
  readonly cut: boolean;
}

/**
 * Takes items from `source` until the budget is spent: at most `maxMessages`,
 * and no item that would take the total past `maxBytes` (except the first, so
 * a single large item still moves a reader forward). Stops reading as soon as
 * it knows (leaving the loop closes the source, e.g. a database cursor), and
 * when `stopped()` says its reader has gone.
 */
export async function readWithinBudget<S, T>(
  source: AsyncIterable<S>,
  budget: ReadBudget,
  weigh: (item: S) => { item: T; bytes: number },
  stopped: () => boolean = () => false,
): Promise<BudgetedRead<T>> {
  const items: T[] = [];
  let bytes = 0;
  for await (const next of source) {
    if (stopped()) return { items, cut: false };
    if (items.length >= budget.maxMessages) return { items, cut: true };
    const weighed = weigh(next);
    if (items.length > 0 && bytes + weighed.bytes > budget.maxBytes) return { items, cut: true };
    items.push(weighed.item);
    bytes += weighed.bytes;
  }
  return { items, cut: false };
}

/** What a message weighs in a JSON answer: its UTF-8 bytes. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}
