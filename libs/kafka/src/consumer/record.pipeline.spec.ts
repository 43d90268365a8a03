import { Logger } from '@nestjs/common';
import { RETRY_DUE_AT_HEADER, RETRY_HEADER } from '@app/contracts';
import { MalformedRetryHeaderError, NonRetriableMessageError, UnacknowledgedWriteError } from '../errors/kafka.errors';
import { DEFAULT_BACKOFF_POLICY } from '../retry/backoff.policy';
import { FailedRecord } from '../retry/failed-record';
import { RetryPublisher } from '../retry/retry.publisher';
import { inMemoryBytes, InboundRecord } from './inbound-record';
import { OffsetCommitter } from './offset.committer';
import { PartitionControl } from './partition-control';
import { RECORD_DONE, recordFailed, RecordOutcome } from './record-outcome';
import { RecordPipeline, RecordPipelineOptions } from './record.pipeline';

const TOPIC = 'client-messages';
const START = 1_700_000_000_000;
const FAST_FORWARD_BACKOFF = { initialDelayMs: 1, maxDelayMs: 4 };

class FakePublisher {
  readonly calls: FailedRecord[][] = [];
  constructor(private readonly result: () => Promise<void> = async () => undefined) {}
  publish(failures: readonly FailedRecord[]): Promise<void> {
    this.calls.push([...failures]);
    return this.result();
  }
}

/** A publisher whose forwards are acknowledged only when the test says so, one gate per call. */
class GatedPublisher {
  readonly calls: string[][] = [];
  private readonly gates: (() => void)[] = [];
  publish(failures: readonly FailedRecord[]): Promise<void> {
    this.calls.push(failures.map(({ record }) => `${record.partition}@${record.offset}`));
    return new Promise((resolve) => this.gates.push(resolve));
  }
  acknowledgeNext(): void {
    this.gates.shift()?.();
  }
}

class FakeCommitter {
  readonly commits: string[] = [];
  async commit(topic: string, partition: number, offset: string): Promise<boolean> {
    this.commits.push(`${topic}[${partition}]@${offset}`);
    return true;
  }
}

class FakePartitionControl implements PartitionControl {
  readonly resolved: string[] = [];
  resolveOffset(offset: string): void {
    this.resolved.push(offset);
  }
  heartbeat = async (): Promise<void> => undefined;
  pause = (): (() => void) => () => undefined;
  isRunning = (): boolean => true;
  isStale = (): boolean => false;
}

function record(offset: string, headers: Record<string, string> = {}): InboundRecord {
  return { topic: TOPIC, partition: 0, offset, key: null, value: Buffer.from(offset), headers, timestamp: '0' };
}

function setup(
  outcomeOf: (record: InboundRecord) => RecordOutcome,
  publisher = new FakePublisher(),
  maxBatchesInFlight = 1,
  bytes: Pick<RecordPipelineOptions, 'maxBytesInFlight' | 'maxSliceBytes'> = {},
) {
  const handled: string[][] = [];
  const handler = async (records: InboundRecord[]) => {
    handled.push(records.map((entry) => entry.offset));
    return records.map(outcomeOf);
  };
  const committer = new FakeCommitter();
  const pipeline = new RecordPipeline(
    handler,
    publisher as unknown as RetryPublisher,
    committer as unknown as OffsetCommitter,
    {
      policy: DEFAULT_BACKOFF_POLICY,
      maxHeldRecords: 10,
      maxBatchesInFlight,
      forwardBackoff: FAST_FORWARD_BACKOFF,
      ...bytes,
    },
  );
  return { pipeline, handled, publisher, committer, control: new FakePartitionControl() };
}

describe(RecordPipeline.name, () => {
  const failure = new Error('database down');
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterEach(() => jest.useRealTimers());

  it('should commit one past the last offset and resolve the last one when every record is done', async () => {
    const { pipeline, committer, publisher, control } = setup(() => RECORD_DONE);

    await pipeline.onBatch(TOPIC, 0, [record('10'), record('11'), record('12')], control);

    expect(control.resolved).toEqual(['12']);
    expect(committer.commits).toEqual([`${TOPIC}[0]@13`]);
    expect(publisher.calls.flat()).toEqual([]);
  });

  it('should commit past a transaction marker that follows the last record when the fetch ends with one', async () => {
    const { pipeline, committer, control } = setup(() => RECORD_DONE);
    const fetched = Object.assign([record('10'), record('11')], { lastOffset: '12' });

    await pipeline.onBatch(TOPIC, 0, fetched, control);
    await pipeline.drain();

    expect(committer.commits).toEqual([`${TOPIC}[0]@13`]);
    expect(control.resolved.at(-1)).toBe('12');
  });

  it('should commit past a fetch of markers alone only once the records before it are finished', async () => {
    let acknowledge = () => {};
    const acknowledged = new Promise<void>((resolve) => (acknowledge = resolve));
    const { pipeline, committer, control } = setup(
      () => recordFailed(failure),
      new FakePublisher(() => acknowledged),
      2,
    );

    await pipeline.onBatch(TOPIC, 0, [record('30')], control);
    await pipeline.onPassedOver(TOPIC, 0, '32');
    const commitsWhileInFlight = [...committer.commits];
    acknowledge();
    await pipeline.drain();

    // No further than the record in flight (30 is where reading starts again).
    expect(commitsWhileInFlight).toEqual([`${TOPIC}[0]@30`]);
    expect(committer.commits.at(-1)).toBe(`${TOPIC}[0]@33`);
  });

  it('should return before the batch is stored and commit it later when two batches may be in flight', async () => {
    let acknowledge = () => {};
    const acknowledged = new Promise<void>((resolve) => (acknowledge = resolve));
    const { pipeline, committer, control } = setup(
      () => recordFailed(failure),
      new FakePublisher(() => acknowledged),
      2,
    );

    await pipeline.onBatch(TOPIC, 0, [record('20')], control);
    const commitsWhileInFlight = [...committer.commits];
    acknowledge();
    await pipeline.drain();

    expect(commitsWhileInFlight).toEqual([]);
    expect(committer.commits).toEqual([`${TOPIC}[0]@21`]);
  });

  it('should publish a failed record with its retry count and commit only after the publish resolved', async () => {
    let acknowledge = () => {};
    const acknowledged = new Promise<void>((resolve) => (acknowledge = resolve));
    const { pipeline, committer, publisher, control } = setup(
      (entry) => (entry.offset === '11' ? recordFailed(failure) : RECORD_DONE),
      new FakePublisher(() => acknowledged),
    );
    const failed = record('11', { [RETRY_HEADER]: '2' });

    const batch = pipeline.onBatch(TOPIC, 0, [record('10'), failed], control);
    await new Promise((resolve) => setImmediate(resolve));
    const beforeAck = { published: publisher.calls.length, commits: [...committer.commits] };
    acknowledge();
    await batch;

    expect(beforeAck).toEqual({ published: 1, commits: [] });
    expect(publisher.calls).toEqual([[{ record: failed, error: failure, retriesSoFar: 2 }]]);
    expect(committer.commits).toEqual([`${TOPIC}[0]@12`]);
  });

  it('should process the same batch again and commit only after its forward is acknowledged', async () => {
    let attempts = 0;
    const publisher = new FakePublisher(() =>
      ++attempts < 3 ? Promise.reject(new Error('broker unreachable')) : Promise.resolve(),
    );
    const { pipeline, handled, committer, control } = setup(() => recordFailed(failure), publisher);

    await pipeline.onBatch(TOPIC, 0, [record('5'), record('6')], control);

    expect(handled).toEqual([
      ['5', '6'],
      ['5', '6'],
      ['5', '6'],
    ]);
    expect(publisher.calls).toHaveLength(3);
    expect(committer.commits).toEqual([`${TOPIC}[0]@7`]);
  });

  it('should process the batch again when the handler throws UnacknowledgedWriteError', async () => {
    let attempts = 0;
    const { pipeline, handled, publisher, committer, control } = setup(() => {
      if (++attempts === 1) throw new UnacknowledgedWriteError('receipts not acknowledged');
      return RECORD_DONE;
    });

    await pipeline.onBatch(TOPIC, 0, [record('9')], control);

    expect(handled).toEqual([['9'], ['9']]);
    expect(publisher.calls.flat()).toEqual([]);
    expect(committer.commits).toEqual([`${TOPIC}[0]@10`]);
  });

  it('should give the batch up uncommitted when a rebalance comes while its forward is retried', async () => {
    const publisher = new FakePublisher(() => Promise.reject(new Error('broker unreachable')));
    const { pipeline, committer, control } = setup(() => recordFailed(failure), publisher, 2);

    await pipeline.onBatch(TOPIC, 0, [record('5')], control);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const attemptsBeforeReset = publisher.calls.length;
    pipeline.reset();
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(attemptsBeforeReset).toBeGreaterThan(1);
    expect(publisher.calls.length).toBe(attemptsBeforeReset);
    expect(committer.commits).toEqual([]);
    await pipeline.drain();
  });

  it('should hold a record until its due time when its retry-due-at is in the future', async () => {
    jest.useFakeTimers({ now: START });
    const { pipeline, handled, committer, control } = setup(() => RECORD_DONE);
    const held = record('20', { [RETRY_HEADER]: '1', [RETRY_DUE_AT_HEADER]: String(START + 2000) });

    await pipeline.onBatch(TOPIC, 0, [held, record('21')], control);
    const beforeDue = { handled: [...handled], commits: [...committer.commits] };
    jest.advanceTimersByTime(2000);
    await pipeline.drain();

    expect(beforeDue).toEqual({ handled: [['21']], commits: [`${TOPIC}[0]@20`] });
    expect(handled).toEqual([['21'], ['20']]);
    expect(committer.commits).toEqual([`${TOPIC}[0]@20`, `${TOPIC}[0]@22`]);
  });

  it('should dead-letter a record without calling the handler when its retry header is malformed', async () => {
    const { pipeline, handled, publisher, committer, control } = setup(() => RECORD_DONE);
    const malformed = record('3', { [RETRY_HEADER]: 'abc' });

    await pipeline.onBatch(TOPIC, 0, [malformed], control);

    expect(handled).toEqual([]);
    expect(publisher.calls).toEqual([
      [{ record: malformed, error: expect.any(MalformedRetryHeaderError), retriesSoFar: 0 }],
    ]);
    expect(committer.commits).toEqual([`${TOPIC}[0]@4`]);
  });

  it('should fail every record as retriable when the handler throws', async () => {
    const { pipeline, publisher, committer, control } = setup(() => {
      throw failure;
    });
    const records = [record('7'), record('8', { [RETRY_HEADER]: '1' })];

    await pipeline.onBatch(TOPIC, 0, records, control);

    expect(publisher.calls).toEqual([
      [
        { record: records[0], error: failure, retriesSoFar: 0 },
        { record: records[1], error: failure, retriesSoFar: 1 },
      ],
    ]);
    expect(committer.commits).toEqual([`${TOPIC}[0]@9`]);
  });

  describe('byte budget', () => {
    const invalid = () => recordFailed(new NonRetriableMessageError('not a message'));
    const sized = (offset: string, partition = 0): InboundRecord => ({
      ...record(offset),
      partition,
      value: Buffer.alloc(1000),
    });
    const oneRecordBytes = inMemoryBytes(sized('0'));
    const tick = () => new Promise((resolve) => setImmediate(resolve));

    it('should process a batch in slices of at most maxSliceBytes, each forwarded and committed on its own', async () => {
      const { pipeline, handled, committer, control } = setup(invalid, new FakePublisher(), 1, {
        maxSliceBytes: 2 * oneRecordBytes,
      });

      await pipeline.onBatch(
        TOPIC,
        0,
        ['0', '1', '2', '3', '4'].map((offset) => sized(offset)),
        control,
      );
      await pipeline.drain();

      expect(handled).toEqual([['0', '1'], ['2', '3'], ['4']]);
      expect(committer.commits).toEqual([`${TOPIC}[0]@2`, `${TOPIC}[0]@4`, `${TOPIC}[0]@5`]);
      expect(control.resolved).toEqual(['1', '3', '4']);
    });

    it('should not take the next slice, of any partition, until a forward in flight is acknowledged when the budget is used up', async () => {
      const publisher = new GatedPublisher();
      const limits = { maxSliceBytes: 2 * oneRecordBytes, maxBytesInFlight: 2 * oneRecordBytes };
      const { pipeline, handled, control } = setup(invalid, publisher as unknown as FakePublisher, 10, limits);

      const first = pipeline.onBatch(TOPIC, 0, [sized('0'), sized('1'), sized('2')], control);
      const other = pipeline.onBatch(TOPIC, 1, [sized('0', 1)], control);
      await tick();
      const whileUsedUp = { handled: handled.length, inFlight: pipeline.bytesInFlight };
      publisher.acknowledgeNext();
      await first;
      await tick();
      const afterOne = handled.length;
      publisher.acknowledgeNext();
      await other;
      publisher.acknowledgeNext();
      await pipeline.drain();

      expect(whileUsedUp).toEqual({ handled: 1, inFlight: 2 * oneRecordBytes });
      expect(afterOne).toBe(3);
      expect(publisher.calls[0]).toEqual(['0@0', '0@1']);
      expect(publisher.calls.slice(1).sort()).toEqual([['0@2'], ['1@0']]);
      expect(pipeline.bytesInFlight).toBe(0);
    });

    it('should leave the rest of the batch unresolved and uncommitted when the partition is revoked while it waits for the budget', async () => {
      const publisher = new GatedPublisher();
      const limits = { maxSliceBytes: oneRecordBytes, maxBytesInFlight: oneRecordBytes };
      const { pipeline, committer, control } = setup(invalid, publisher as unknown as FakePublisher, 10, limits);
      let stale = false;
      control.isStale = () => stale;

      const batch = pipeline.onBatch(TOPIC, 0, [sized('0'), sized('1'), sized('2')], control);
      await tick();
      stale = true;
      await batch;
      publisher.acknowledgeNext();
      await pipeline.drain();

      expect(publisher.calls).toEqual([['0@0']]);
      expect(control.resolved).toEqual(['0']);
      expect(committer.commits).toEqual([`${TOPIC}[0]@1`]);
      expect(pipeline.bytesInFlight).toBe(0);
    });
  });
});
