import { messagingTopics } from '@app/contracts';
import { BackoffPolicy, DEFAULT_BACKOFF_POLICY } from './backoff.policy';
import { FailedRecordDestination, resolveDestination } from './destination.resolver';

const NOW = 1_700_000_000_000;
const TOPICS = messagingTopics('ns.');

describe(resolveDestination.name, () => {
  it.each([
    [0, 1, NOW + 2000],
    [1, 2, NOW + 4000],
    [2, 3, NOW + 8000],
  ])('should send to the retry topic when a retriable failure had %i retries so far', (retriesSoFar, retry, dueAt) => {
    // Arrange
    const facts = { retriable: true, retriesSoFar, now: NOW };

    // Act
    const destination = resolveDestination(facts, DEFAULT_BACKOFF_POLICY, TOPICS);

    // Assert
    expect(destination).toEqual<FailedRecordDestination>({
      kind: 'retry',
      topic: 'ns.client-messages-retry',
      retry,
      dueAt,
    });
  });

  it.each([
    [0, 1, NOW + 100],
    [1, 2, NOW + 200],
    [4, 5, NOW + 1600],
  ])(
    'should use the policy base delay when a retriable failure had %i retries and the base is 50 ms',
    (retriesSoFar, retry, dueAt) => {
      // Arrange
      const policy: BackoffPolicy = { baseDelayMs: 50, maxRetries: 5 };
      const facts = { retriable: true, retriesSoFar, now: NOW };

      // Act
      const destination = resolveDestination(facts, policy, TOPICS);

      // Assert
      expect(destination).toEqual<FailedRecordDestination>({ kind: 'retry', topic: TOPICS.retry, retry, dueAt });
    },
  );

  it.each([
    [true, 3],
    [true, 4],
    [false, 0],
    [false, 1],
    [false, 2],
    [false, 3],
  ])(
    'should send to the dead-letter topic when retriable is %s and %i retries were made',
    (retriable, retriesSoFar) => {
      // Arrange
      const facts = { retriable, retriesSoFar, now: NOW };

      // Act
      const destination = resolveDestination(facts, DEFAULT_BACKOFF_POLICY, TOPICS);

      // Assert
      expect(destination).toEqual<FailedRecordDestination>({
        kind: 'dead-letter',
        topic: 'ns.client-messages-dlt',
        retries: retriesSoFar,
      });
    },
  );
});
