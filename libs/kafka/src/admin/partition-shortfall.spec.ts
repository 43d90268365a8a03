import { partitionShortfalls } from './partition-shortfall';

describe('partitionShortfalls', () => {
  it('names each topic with fewer partitions than wanted, with both counts', () => {
    const counts = new Map([
      ['client-messages', 1],
      ['client-messages-retry', 6],
      ['client-messages-dlt', 12],
    ]);
    expect(partitionShortfalls(counts, 6)).toEqual([{ topic: 'client-messages', partitions: 1, wanted: 6 }]);
  });

  it('is empty when every topic has enough', () => {
    expect(partitionShortfalls(new Map([['client-messages', 6]]), 6)).toEqual([]);
  });
});
