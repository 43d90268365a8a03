import fc from 'fast-check';
import {
  decodeInboxCursor,
  encodeInboxCursor,
  INBOX_CURSOR_MAX_LENGTH,
  InboxPosition,
  readWithinBudget,
} from './inbox-message.view';

const ID = 'inbox:0a1b2c3d-0000-4000-8000-00000000000f';
const cursorOf = (text: string) => Buffer.from(text).toString('base64url');

const positions = fc.record({
  receivedAt: fc.integer({ min: 0, max: 999_999_999_999_999 }).map((ms) => new Date(ms)),
  id: fc.uuid().map((uuid) => `inbox:${uuid}`),
});

describe(decodeInboxCursor.name, () => {
  it('should decode what encodeInboxCursor made back to the same position', () => {
    fc.assert(
      fc.property(positions, (position: InboxPosition) => {
        const cursor = encodeInboxCursor(position);

        const decoded = decodeInboxCursor(cursor);

        expect(cursor.length).toBeLessThanOrEqual(INBOX_CURSOR_MAX_LENGTH);
        expect(decoded).toEqual(position);
      }),
    );
  });

  it('should either refuse any string or decode it to a position that encodes back to that very string', () => {
    const strings = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.base64String({ maxLength: 120 }),
    );
    fc.assert(
      fc.property(strings, (text) => {
        const decoded = decodeInboxCursor(text);

        if (decoded !== undefined) expect(encodeInboxCursor(decoded)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('should refuse the base64url of any other text than "<ms>.<inbox id>", and cursors altered by one character', () => {
    fc.assert(
      fc.property(
        positions,
        fc.nat(),
        fc.constantFrom('A', '-', '_', '=', '+', '/', '.'),
        (position, at, character) => {
          const cursor = encodeInboxCursor(position);
          const index = at % cursor.length;
          const altered = `${cursor.slice(0, index)}${character}${cursor.slice(index + 1)}`;

          const decoded = decodeInboxCursor(altered);

          if (altered !== cursor && decoded !== undefined) expect(encodeInboxCursor(decoded)).toBe(altered);
        },
      ),
    );
  });

  it.each([
    { case: 'empty', cursor: '' },
    { case: 'too long', cursor: 'A'.repeat(INBOX_CURSOR_MAX_LENGTH + 1) },
    { case: 'a million characters', cursor: 'A'.repeat(1_000_000) },
    { case: 'padded', cursor: `${cursorOf(`1.${ID}`)}==` },
    { case: 'standard base64 characters', cursor: `${cursorOf(`1.${ID}`)}+/` },
    { case: 'a leading zero', cursor: cursorOf(`01.${ID}`) },
    { case: 'a negative time', cursor: cursorOf(`-1.${ID}`) },
    { case: 'sixteen digits', cursor: cursorOf(`1000000000000000.${ID}`) },
    { case: 'another prefix', cursor: cursorOf(`1.outbox:0a1b2c3d-0000-4000-8000-00000000000f`) },
    { case: 'no UUID', cursor: cursorOf(`1.inbox:${'-'.repeat(36)}`) },
    { case: 'a trailing newline', cursor: cursorOf(`1.${ID}\n`) },
    { case: 'not base64url', cursor: 'not a cursor!' },
  ])('should refuse a cursor that is $case', ({ cursor }) => {
    expect(decodeInboxCursor(cursor)).toBeUndefined();
  });

  it('should accept an upper-case UUID, as messages stored before ids were checked may carry one', () => {
    const id = 'inbox:0A1B2C3D-0000-4000-8000-00000000000F';

    expect(decodeInboxCursor(cursorOf(`1733000000000.${id}`))).toEqual({ receivedAt: new Date(1733000000000), id });
  });
});

async function* numbers(count: number, read: number[]): AsyncGenerator<number> {
  try {
    for (let n = 0; n < count; n += 1) {
      read.push(n);
      yield n;
    }
  } finally {
    read.push(-1); // closed
  }
}

const weighAs = (bytes: number) => (item: number) => ({ item, bytes });

describe(readWithinBudget.name, () => {
  it.each([
    { case: 'the source ends first', count: 3, maxMessages: 5, maxBytes: 1000, bytes: 10, taken: 3, cut: false },
    { case: 'the count is reached', count: 10, maxMessages: 4, maxBytes: 1000, bytes: 10, taken: 4, cut: true },
    { case: 'the bytes are reached', count: 10, maxMessages: 10, maxBytes: 35, bytes: 10, taken: 3, cut: true },
    { case: 'the bytes are exactly spent', count: 10, maxMessages: 10, maxBytes: 30, bytes: 10, taken: 3, cut: true },
    {
      case: 'the first item alone is over the bytes',
      count: 10,
      maxMessages: 10,
      maxBytes: 5,
      bytes: 10,
      taken: 1,
      cut: true,
    },
    { case: 'the count is the source', count: 4, maxMessages: 4, maxBytes: 1000, bytes: 10, taken: 4, cut: false },
  ])('should take $taken (cut: $cut) when $case', async ({ count, maxMessages, maxBytes, bytes, taken, cut }) => {
    const read: number[] = [];

    const result = await readWithinBudget(numbers(count, read), { maxMessages, maxBytes }, weighAs(bytes));

    expect(result).toEqual({ items: Array.from({ length: taken }, (_, n) => n), cut });
    expect(read[read.length - 1]).toBe(-1);
    expect(read.length - 1).toBeLessThanOrEqual(taken + 1);
  });

  it('should stop reading, and close the source, once its reader has gone', async () => {
    const read: number[] = [];
    let gone = false;

    const result = await readWithinBudget(
      numbers(1000, read),
      { maxMessages: 1000, maxBytes: 1_000_000 },
      (item) => {
        if (item === 2) gone = true;
        return { item, bytes: 1 };
      },
      () => gone,
    );

    expect(result).toEqual({ items: [0, 1, 2], cut: false });
    expect(read).toEqual([0, 1, 2, 3, -1]);
  });
});
