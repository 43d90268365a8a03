import { HistoryEntry, statusHistory } from './delivery-status.reader';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));

describe(statusHistory.name, () => {
  it.each<{ label: string; entries: HistoryEntry[]; expected: string[] }>([
    { label: 'there are no entries', entries: [], expected: [] },
    {
      label: 'they were recorded in order',
      entries: [
        { status: 'pending', at: at(1) },
        { status: 'sent', at: at(2) },
        { status: 'delivered', at: at(3) },
      ],
      expected: ['pending@1', 'sent@2', 'delivered@3'],
    },
    {
      label: 'the receipt was recorded before sent',
      entries: [
        { status: 'pending', at: at(1) },
        { status: 'dead-lettered', at: at(2) },
        { status: 'sent', at: at(3) },
      ],
      expected: ['pending@1', 'sent@3', 'dead-lettered@2'],
    },
    {
      label: 'sent was recorded twice (the request and the relay)',
      entries: [
        { status: 'sent', at: at(7) },
        { status: 'pending', at: at(1) },
        { status: 'sent', at: at(4) },
      ],
      expected: ['pending@1', 'sent@4'],
    },
    {
      label: 'two different receipts arrived',
      entries: [
        { status: 'delivered', at: at(9) },
        { status: 'sent', at: at(2) },
        { status: 'dead-lettered', at: at(5) },
      ],
      expected: ['sent@2', 'dead-lettered@5', 'delivered@9'],
    },
  ])('should list one entry per status in life order when $label', ({ entries, expected }) => {
    expect(statusHistory(entries).map(({ status, at: time }) => `${status}@${time.getUTCSeconds()}`)).toEqual(expected);
  });

  it('should keep the reason of a dead letter when it has one', () => {
    // Arrange
    const entries: HistoryEntry[] = [{ status: 'dead-lettered', at: at(3), reason: 'InjectedFaultError: boom' }];

    // Act
    const [entry] = statusHistory(entries);

    // Assert
    expect(entry.reason).toBe('InjectedFaultError: boom');
  });
});
