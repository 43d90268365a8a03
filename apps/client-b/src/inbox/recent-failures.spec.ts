import { ForwardedFailure, RetriableMessageError } from '@app/kafka';
import { RECENT_FAILURES_KEPT, RECENT_FAILURES_MAX_BYTES, RecentFailures } from './recent-failures';

function forwarded(offset: number, kind: 'retry' | 'dead-letter' = 'retry'): ForwardedFailure {
  const record = {
    topic: 't',
    partition: 0,
    offset: String(offset),
    key: null,
    value: null,
    headers: { 'message-id': `m-${offset}` },
    timestamp: '0',
  };
  const error = new RetriableMessageError(`failure ${offset}`);
  const destination = kind === 'retry' ? { kind, topic: 'r', retry: 1, dueAt: 0 } : { kind, topic: 'd', retries: 3 };
  return { failure: { record, error, retriesSoFar: 0 }, destination, error, at: 0 };
}

describe(RecentFailures.name, () => {
  it('should list the newest first and keep only the last ones when a flood is forwarded', () => {
    // Arrange
    const failures = new RecentFailures();
    failures.add([forwarded(1), forwarded(2, 'dead-letter')]);

    // Act
    failures.add(Array.from({ length: 5000 }, (_, index) => forwarded(10 + index)));

    // Assert
    const latest = failures.latest(RECENT_FAILURES_KEPT + 10);
    expect(latest).toHaveLength(RECENT_FAILURES_KEPT);
    expect(latest[0]).toMatchObject({
      record: 't:0:5009',
      messageId: 'm-5009',
      outcome: 'retry',
      retries: 1,
      errorClass: 'RetriableMessageError',
    });
    expect(latest[RECENT_FAILURES_KEPT - 1].record).toBe(`t:0:${5010 - RECENT_FAILURES_KEPT}`);
  });

  it('should say a dead letter had its retries', () => {
    const failures = new RecentFailures();

    failures.add([forwarded(1, 'dead-letter')]);

    expect(failures.latest(1)).toEqual([expect.objectContaining({ outcome: 'dead-letter', retries: 3 })]);
  });
});

describe(`${RecentFailures.name} (bytes)`, () => {
  function hostile(offset: number): ForwardedFailure {
    const entry = forwarded(offset);
    const headers = { 'message-id': `${'m'.repeat(1000)}…[409600 bytes]` };
    const error = new RetriableMessageError('e'.repeat(100_000));
    return { ...entry, failure: { ...entry.failure, record: { ...entry.failure.record, headers }, error }, error };
  }

  it('should keep the message id and the error message short when a record carries long ones', () => {
    const failures = new RecentFailures();

    failures.add([hostile(1)]);

    const [kept] = failures.latest(1);
    expect(Buffer.byteLength(kept.messageId ?? '')).toBeLessThanOrEqual(64);
    expect(kept.messageId).toMatch(/…\[\d+ bytes\]$/);
    expect(kept.errorMessage.length).toBeLessThanOrEqual(512);
  });

  it('should keep the newest within the byte budget when every failure is as large as it can be', () => {
    const failures = new RecentFailures();

    failures.add(Array.from({ length: RECENT_FAILURES_KEPT }, (_, index) => hostile(index)));

    const latest = failures.latest(RECENT_FAILURES_KEPT);
    const bytes = latest.reduce((sum, failure) => sum + 2 * JSON.stringify(failure).length, 0);
    expect(bytes).toBeLessThanOrEqual(RECENT_FAILURES_MAX_BYTES);
    expect(latest.length).toBeLessThan(RECENT_FAILURES_KEPT);
    expect(latest[0].record).toBe(`t:0:${RECENT_FAILURES_KEPT - 1}`);
  });
});
