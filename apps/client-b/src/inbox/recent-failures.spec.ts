import { ForwardedFailure, RetriableMessageError } from '@app/kafka';
import { RECENT_FAILURES_KEPT, RecentFailures } from './recent-failures';

function forwarded(offset: number, kind: 'retry' | 'dead-letter' = 'retry'): ForwardedFailure {
  const record = { topic: 't', partition: 0, offset: String(offset), key: null, value: null, headers: { 'message-id': `m-${offset}` }, timestamp: '0' };
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
    expect(latest[0]).toMatchObject({ record: 't:0:5009', messageId: 'm-5009', outcome: 'retry', retries: 1, errorClass: 'RetriableMessageError' });
    expect(latest[RECENT_FAILURES_KEPT - 1].record).toBe(`t:0:${5010 - RECENT_FAILURES_KEPT}`);
  });

  it('should say a dead letter had its retries', () => {
    const failures = new RecentFailures();

    failures.add([forwarded(1, 'dead-letter')]);

    expect(failures.latest(1)).toEqual([expect.objectContaining({ outcome: 'dead-letter', retries: 3 })]);
  });
});
