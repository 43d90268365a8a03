import { DueRecordScheduler } from './due-record.scheduler';
import { inMemoryBytes, InboundRecord } from './inbound-record';

const START = 1_700_000_000_000;

function retryRecord(offset: string): InboundRecord {
  return {
    topic: 'client-messages-retry',
    partition: 0,
    offset,
    key: null,
    value: null,
    headers: {},
    timestamp: String(START),
  };
}

describe(DueRecordScheduler.name, () => {
  let released: string[][];
  const onDue = (records: InboundRecord[]) => released.push(records.map((record) => record.offset));
  // The scheduler reads the same fake clock that fires its timers.
  const now = () => jest.now();

  beforeEach(() => {
    jest.useFakeTimers({ now: START });
    released = [];
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('should release a record when its due time is reached and not before', () => {
    // Arrange
    const scheduler = new DueRecordScheduler({ records: 10, bytes: Number.MAX_SAFE_INTEGER }, onDue, now);
    scheduler.hold(retryRecord('1'), START + 1000);

    // Act
    jest.advanceTimersByTime(999);
    const beforeDue = [...released];
    jest.advanceTimersByTime(1);

    // Assert
    expect(beforeDue).toEqual([]);
    expect(released).toEqual([['1']]);
    expect(scheduler.size).toBe(0);
  });

  it('should release the sooner record first when it was held after one due later', () => {
    // Arrange
    const scheduler = new DueRecordScheduler({ records: 10, bytes: Number.MAX_SAFE_INTEGER }, onDue, now);
    scheduler.hold(retryRecord('1'), START + 8000);
    scheduler.hold(retryRecord('2'), START + 2000);

    // Act
    jest.advanceTimersByTime(2000);
    const afterSooner = [...released];
    jest.advanceTimersByTime(6000);

    // Assert
    expect(afterSooner).toEqual([['2']]);
    expect(released).toEqual([['2'], ['1']]);
  });

  it('should release every due record in one call when several are due together', () => {
    // Arrange
    const scheduler = new DueRecordScheduler({ records: 10, bytes: Number.MAX_SAFE_INTEGER }, onDue, now);
    scheduler.hold(retryRecord('1'), START + 1000);
    scheduler.hold(retryRecord('2'), START + 1000);
    scheduler.hold(retryRecord('3'), START + 1000);
    scheduler.hold(retryRecord('4'), START + 5000);

    // Act
    jest.advanceTimersByTime(1000);

    // Assert
    expect(released).toEqual([['1', '2', '3']]);
    expect(scheduler.size).toBe(1);
  });

  it('should release a record on the next tick when its due time has already passed', () => {
    // Arrange
    const scheduler = new DueRecordScheduler({ records: 10, bytes: Number.MAX_SAFE_INTEGER }, onDue, now);

    // Act
    scheduler.hold(retryRecord('1'), START - 5000);
    jest.advanceTimersByTime(0);

    // Assert
    expect(released).toEqual([['1']]);
  });

  // Known bug: setTimeout turns a wait above 2^31 - 1 ms into 1 ms, so the scheduler wakes every millisecond.
  it('should not wake up before the due time when it is more than 2^31 - 1 ms ahead', () => {
    // Arrange
    let clockReads = 0;
    const countingNow = () => {
      clockReads += 1;
      return jest.now();
    };
    const scheduler = new DueRecordScheduler({ records: 10, bytes: Number.MAX_SAFE_INTEGER }, onDue, countingNow);
    scheduler.hold(retryRecord('1'), START + 30 * 24 * 60 * 60 * 1000);

    // Act
    jest.advanceTimersByTime(1000);

    // Assert
    expect(released).toEqual([]);
    expect(clockReads).toBe(1);
  });

  it('should release nothing when cleared before the due time', () => {
    // Arrange
    const scheduler = new DueRecordScheduler({ records: 10, bytes: Number.MAX_SAFE_INTEGER }, onDue, now);
    scheduler.hold(retryRecord('1'), START + 1000);

    // Act
    scheduler.clear();
    jest.advanceTimersByTime(10_000);

    // Assert
    expect(released).toEqual([]);
    expect(scheduler.size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('should be full when it holds as many records as its capacity', () => {
    // Arrange
    const scheduler = new DueRecordScheduler({ records: 2, bytes: Number.MAX_SAFE_INTEGER }, onDue, now);
    scheduler.hold(retryRecord('1'), START + 1000);
    const fullAfterOne = scheduler.isFull();

    // Act
    scheduler.hold(retryRecord('2'), START + 2000);

    // Assert
    expect(fullAfterOne).toBe(false);
    expect(scheduler.isFull()).toBe(true);
  });

  it('should no longer be full when a held record is released', () => {
    // Arrange
    const scheduler = new DueRecordScheduler({ records: 2, bytes: Number.MAX_SAFE_INTEGER }, onDue, now);
    scheduler.hold(retryRecord('1'), START + 1000);
    scheduler.hold(retryRecord('2'), START + 2000);

    // Act
    jest.advanceTimersByTime(1000);

    // Assert
    expect(scheduler.isFull()).toBe(false);
  });

  it('should be full when its records take as many bytes as its capacity, whatever their count', () => {
    // Arrange
    const large = { ...retryRecord('1'), value: Buffer.alloc(900 * 1024) };
    const scheduler = new DueRecordScheduler({ records: 10_000, bytes: inMemoryBytes(large) * 2 }, onDue, now);
    scheduler.hold(large, START + 1000);
    const fullAfterOne = scheduler.isFull();

    // Act
    scheduler.hold({ ...large, offset: '2' }, START + 2000);

    // Assert
    expect(fullAfterOne).toBe(false);
    expect(scheduler.isFull()).toBe(true);
    expect(scheduler.bytes).toBe(inMemoryBytes(large) * 2);
  });

  it('should give the bytes back and be half empty again when its records are released', () => {
    // Arrange
    const large = { ...retryRecord('1'), value: Buffer.alloc(900 * 1024) };
    const scheduler = new DueRecordScheduler({ records: 10_000, bytes: inMemoryBytes(large) * 2 }, onDue, now);
    scheduler.hold(large, START + 1000);
    scheduler.hold({ ...large, offset: '2' }, START + 2000);

    // Act
    jest.advanceTimersByTime(1000);

    // Assert
    expect(scheduler.bytes).toBe(inMemoryBytes(large));
    expect(scheduler.isHalfEmpty()).toBe(true);
  });

  it('should hold a copy of the key and value, not a slice of the fetch response', () => {
    // Arrange
    const response = Buffer.from('....key....value....');
    const fetched = { ...retryRecord('1'), key: response.subarray(4, 7), value: response.subarray(11, 16) };
    const releasedRecords: InboundRecord[] = [];
    const scheduler = new DueRecordScheduler(
      { records: 10, bytes: Number.MAX_SAFE_INTEGER },
      (records) => releasedRecords.push(...records),
      now,
    );

    // Act
    scheduler.hold(fetched, START + 1000);
    response.fill('x');
    jest.advanceTimersByTime(1000);

    // Assert
    expect(releasedRecords.map((record) => [record.key?.toString(), record.value?.toString()])).toEqual([
      ['key', 'value'],
    ]);
  });
});
