import { planRanges } from './plan-ranges';

const WATERMARKS = [
  { partition: 0, low: '0', high: '10' },
  { partition: 1, low: '5', high: '8' },
];

describe(planRanges.name, () => {
  it.each([
    { label: 'a range inside the partition', range: { partition: 0, from: '2', to: '4' }, expected: [2n, 4n] },
    { label: 'a range without an end', range: { partition: 0, from: '3' }, expected: [3n, 10n] },
    { label: 'a range past the end', range: { partition: 0, from: '8', to: '50' }, expected: [8n, 10n] },
    { label: 'a range starting before the retained records', range: { partition: 1, from: '0' }, expected: [5n, 8n] },
    { label: 'a range starting past the end', range: { partition: 1, from: '12' }, expected: [8n, 8n] },
    {
      label: 'a range ending before the retained records',
      range: { partition: 1, from: '0', to: '3' },
      expected: [3n, 3n],
    },
  ])('should read [$expected) when asked for $label', ({ range, expected }) => {
    // Act
    const [planned] = planRanges([range], WATERMARKS);

    // Assert
    expect([planned.from, planned.to]).toEqual(expected);
  });

  it('should leave out a partition the topic does not have', () => {
    expect(planRanges([{ partition: 7, from: '0' }], WATERMARKS)).toEqual([]);
  });
});
