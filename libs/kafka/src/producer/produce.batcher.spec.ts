import { OutgoingRecord } from './outgoing-record';
import { RecordTooLargeError } from '../errors/kafka.errors';
import { ProduceBatcher, TopicRecords } from './produce.batcher';
import { recordSizeInBytes } from './record-size';

const record = (value: string): OutgoingRecord => ({ key: 'k', value, headers: {} });

/** A flush whose requests the test completes by hand, to see what was sent together. */
class ManualFlush {
  /** One entry per flush: `batch` its first request, `all` every request of it. */
  readonly requests: { batch: TopicRecords[]; all: TopicRecords[][]; finish: (error?: Error) => void }[] = [];
  readonly flush = (all: TopicRecords[][]) =>
    new Promise<void>((resolve, reject) =>
      this.requests.push({ batch: all[0], all, finish: (error) => (error ? reject(error) : resolve()) }),
    );
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(ProduceBatcher.name, () => {
  describe('with atomic sends', () => {
    it('should flush a send larger than one request whole, cut into requests, and reject all of it when the flush fails', async () => {
      const manual = new ManualFlush();
      const size = recordSizeInBytes(record('x'));
      const batcher = new ProduceBatcher(manual.flush, size * 2, { atomicSends: true });

      const large = batcher.enqueueAll([
        { topic: 'retry', records: [record('1'), record('2')] },
        { topic: 'dlt', records: [record('3')] },
      ]);
      await tick();
      manual.requests[0].finish(new Error('broker gone'));

      await expect(large).rejects.toThrow('broker gone');
      expect(manual.requests).toHaveLength(1);
      expect(manual.requests[0].all).toEqual([
        [{ topic: 'retry', records: [record('1'), record('2')] }],
        [{ topic: 'dlt', records: [record('3')] }],
      ]);
    });

    it('should coalesce whole waiting sends while they fit in one request and leave the next send whole for the next flush', async () => {
      const manual = new ManualFlush();
      const size = recordSizeInBytes(record('x'));
      const batcher = new ProduceBatcher(manual.flush, size * 2, { atomicSends: true });

      const first = batcher.enqueue('t', [record('1')]);
      const second = batcher.enqueue('t', [record('2')]);
      const third = batcher.enqueue('t', [record('3')]);
      const fourth = batcher.enqueue('t', [record('4'), record('5')]);
      await tick();
      manual.requests[0].finish();
      await first;
      await tick();
      manual.requests[1].finish();
      await Promise.all([second, third]);
      await tick();
      manual.requests[2].finish();
      await fourth;

      expect(
        manual.requests.map(({ all }) => all.flat().flatMap(({ records }) => records.map(({ value }) => value))),
      ).toEqual([['1'], ['2', '3'], ['4', '5']]);
    });
  });

  it('should send records that arrive during a request together in the next request', async () => {
    const manual = new ManualFlush();
    const batcher = new ProduceBatcher(manual.flush, 1024 * 1024);

    const first = batcher.enqueue('t', [record('1')]);
    const second = batcher.enqueue('t', [record('2')]);
    const third = batcher.enqueue('u', [record('3')]);
    await tick();
    manual.requests[0].finish();
    await first;
    await tick();

    expect(manual.requests[0].batch).toEqual([{ topic: 't', records: [record('1')] }]);
    expect(manual.requests[1].batch).toEqual([
      { topic: 't', records: [record('2')] },
      { topic: 'u', records: [record('3')] },
    ]);
    manual.requests[1].finish();
    await expect(Promise.all([second, third])).resolves.toEqual([undefined, undefined]);
  });

  it('should reject every caller of a request when that request fails', async () => {
    const manual = new ManualFlush();
    const batcher = new ProduceBatcher(manual.flush, 1024 * 1024);

    const sends = [batcher.enqueue('t', [record('1')]), batcher.enqueue('t', [record('2')])];
    await tick();
    manual.requests[0].finish();
    await tick();
    manual.requests[1].finish(new Error('broker down'));

    await expect(sends[0]).resolves.toBeUndefined();
    await expect(sends[1]).rejects.toThrow('broker down');
  });

  it('should split a batch when it would exceed the byte limit', async () => {
    const manual = new ManualFlush();
    const batcher = new ProduceBatcher(manual.flush, 200);

    const blocker = batcher.enqueue('t', [record('first')]);
    const big = [batcher.enqueue('t', [record('a'.repeat(120))]), batcher.enqueue('t', [record('b'.repeat(120))])];
    await tick();
    manual.requests[0].finish();
    await blocker;
    await tick();
    manual.requests[1].finish();
    await big[0];
    await tick();
    manual.requests[2].finish();
    await big[1];

    expect(manual.requests.map((request) => request.batch[0].records.length)).toEqual([1, 1, 1]);
  });

  it('should cut one large send into requests that each stay within the byte limit', async () => {
    const manual = new ManualFlush();
    const records = Array.from({ length: 10 }, (_, index) => record(`${index}`.padEnd(100, 'x')));
    const limit = recordSizeInBytes(records[0]) * 3;
    const batcher = new ProduceBatcher(manual.flush, limit);

    const send = batcher.enqueue('t', records);
    for (let request = 0; request < 4; request += 1) {
      await tick();
      manual.requests[request].finish();
    }
    await send;

    const sizes = manual.requests.map(({ batch }) =>
      batch[0].records.reduce((sum, r) => sum + recordSizeInBytes(r), 0),
    );
    expect(manual.requests.map(({ batch }) => batch[0].records.length)).toEqual([3, 3, 3, 1]);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(limit);
    expect(manual.requests.flatMap(({ batch }) => batch[0].records)).toEqual(records);
  });

  it('should reject a send and send nothing when one of its records alone exceeds the limit', async () => {
    const manual = new ManualFlush();
    const batcher = new ProduceBatcher(manual.flush, 500);

    const send = batcher.enqueue('t', [record('small'), record('x'.repeat(600))]);

    await expect(send).rejects.toBeInstanceOf(RecordTooLargeError);
    await tick();
    expect(manual.requests).toHaveLength(0);
  });

  it('should reject the caller when any of its requests fails', async () => {
    const manual = new ManualFlush();
    const records = [record('a'.repeat(100)), record('b'.repeat(100))];
    const batcher = new ProduceBatcher(manual.flush, recordSizeInBytes(records[0]));

    const send = batcher.enqueue('t', records);
    await tick();
    manual.requests[0].finish();
    await tick();
    manual.requests[1].finish(new Error('broker down'));

    await expect(send).rejects.toThrow('broker down');
  });
});
