import { PartitionRead } from '@app/kafka';
import { decodeDeadLetterCursor, encodeDeadLetterCursor, pageOf } from './dead-letter.reader';

type Entry = { offset: string };

function read(partition: number, offsets: number[], next: number, to: number): PartitionRead<Entry> {
  return {
    partition,
    kept: offsets.map((offset) => ({ offset: String(offset) })),
    next: String(next),
    to: String(to),
    low: '0',
    high: String(to),
  };
}

describe(pageOf.name, () => {
  it.each<{
    label: string;
    reads: PartitionRead<Entry>[];
    limit: number;
    offsets: string[];
    nextCursor: string | null;
  }>([
    {
      label: 'every partition was read to its end',
      reads: [read(1, [4], 5, 5), read(0, [1, 2], 3, 3)],
      limit: 5,
      offsets: ['1', '2', '4'],
      nextCursor: null,
    },
    {
      label: 'the page fills inside a partition',
      reads: [read(0, [1, 2, 3], 4, 9), read(1, [0], 1, 1)],
      limit: 2,
      offsets: ['1', '2'],
      nextCursor: '0:3',
    },
    {
      label: 'the page fills at a partition end',
      reads: [read(0, [1, 2], 3, 3), read(1, [7], 8, 8)],
      limit: 2,
      offsets: ['1', '2'],
      nextCursor: '1:7',
    },
    {
      label: 'the page fills and later partitions hold nothing',
      reads: [read(0, [1, 2], 3, 3), read(1, [], 8, 8)],
      limit: 2,
      offsets: ['1', '2'],
      nextCursor: null,
    },
    {
      label: 'the scan budget ran out before a match',
      reads: [read(0, [], 2000, 5000), read(1, [3], 4, 4)],
      limit: 5,
      offsets: [],
      nextCursor: '0:2000',
    },
    {
      label: 'a later partition stopped early',
      reads: [read(0, [1], 2, 2), read(1, [5], 6, 90)],
      limit: 5,
      offsets: ['1', '5'],
      nextCursor: '1:6',
    },
  ])('should answer $offsets and $nextCursor when $label', ({ reads, limit, offsets, nextCursor }) => {
    // Act
    const page = pageOf(reads, limit);

    // Assert
    expect(page.entries.map(({ offset }) => offset)).toEqual(offsets);
    expect(page.nextCursor).toBe(nextCursor);
  });
});

describe(decodeDeadLetterCursor.name, () => {
  it.each([
    { cursor: '0:0', position: { partition: 0, offset: '0' } },
    { cursor: '5:0012', position: { partition: 5, offset: '12' } },
    { cursor: '3:9223372036854775807', position: { partition: 3, offset: '9223372036854775807' } },
    { cursor: '0', position: undefined },
    { cursor: '-1:4', position: undefined },
    { cursor: '1:2:3', position: undefined },
    { cursor: 'a:b', position: undefined },
  ])('should read $position when the cursor is $cursor', ({ cursor, position }) => {
    expect(decodeDeadLetterCursor(cursor)).toEqual(position);
  });

  it('should read back what it encodes', () => {
    expect(decodeDeadLetterCursor(encodeDeadLetterCursor({ partition: 2, offset: '41' }))).toEqual({
      partition: 2,
      offset: '41',
    });
  });
});
