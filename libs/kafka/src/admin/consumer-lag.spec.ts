import { consumerLag, TopicLag } from './consumer-lag';

describe(consumerLag.name, () => {
  it('should count end minus committed when the group committed on every partition', () => {
    // Arrange
    const committed = new Map([
      [0, '10'],
      [1, '4'],
    ]);
    const watermarks = [
      { partition: 1, low: '0', high: '4' },
      { partition: 0, low: '0', high: '15' },
    ];

    // Act
    const lag = consumerLag('t', committed, watermarks);

    // Assert
    expect(lag).toEqual<TopicLag>({
      topic: 't',
      partitions: [
        { partition: 0, committed: '10', end: '15', lag: 5 },
        { partition: 1, committed: '4', end: '4', lag: 0 },
      ],
      lag: 5,
    });
  });

  it.each([
    { label: 'never committed', committed: new Map<number, string>(), expected: { committed: null, lag: 7 } },
    { label: 'answered -1', committed: new Map([[0, '-1']]), expected: { committed: null, lag: 7 } },
    {
      label: 'committed below the retained records',
      committed: new Map([[0, '1']]),
      expected: { committed: '1', lag: 7 },
    },
  ])('should count the retained records when the group $label', ({ committed, expected }) => {
    // Act
    const [partition] = consumerLag('t', committed, [{ partition: 0, low: '3', high: '10' }]).partitions;

    // Assert
    expect(partition).toMatchObject(expected);
  });
});
