import { Logger } from '@nestjs/common';
import { messagingTopics } from '@app/contracts';
import { InboundRecord } from '../consumer/inbound-record';
import { NonRetriableMessageError, RetriableMessageError } from '../errors/kafka.errors';
import { OutgoingRecord } from '../producer/outgoing-record';
import { RecordProducer } from '../producer/record.producer';
import { FailedRecord } from './failed-record';
import { RetryPublisher } from './retry.publisher';

const TOPICS = messagingTopics();
const POLICY = { baseDelayMs: 1000, maxRetries: 3 };

/** Records what was produced; `fail` makes every send reject. */
class FakeProducer implements Pick<RecordProducer, 'sendAll' | 'maxRecordsBytes'> {
  readonly sent: { topic: string; records: readonly OutgoingRecord[] }[] = [];
  /** How many sends carried them: a publish is one. */
  sends = 0;
  readonly maxRecordsBytes = 4096;
  constructor(private readonly fail = false) {}
  async sendAll(batch: readonly { topic: string; records: readonly OutgoingRecord[] }[]): Promise<void> {
    if (this.fail) throw new Error('broker down');
    this.sends += 1;
    this.sent.push(...batch);
  }
}

function failure(id: string, retriable: boolean, retriesSoFar: number, value = Buffer.from('{}')): FailedRecord {
  const record: InboundRecord = {
    topic: TOPICS.messages,
    partition: 0,
    offset: '7',
    key: Buffer.from('clientB'),
    value,
    headers: { 'message-id': id },
    timestamp: '0',
  };
  const error = retriable
    ? new RetriableMessageError(`failure of ${id}`)
    : new NonRetriableMessageError(`failure of ${id}`);
  return { record, error, retriesSoFar };
}

function setup(
  options: { fail?: boolean; listener?: (records: readonly FailedRecord[]) => void | Promise<void> } = {},
) {
  const producer = new FakeProducer(options.fail);
  const heard: string[][] = [];
  const onDeadLettered =
    options.listener ??
    ((records: readonly FailedRecord[]) => void heard.push(records.map((r) => r.record.headers['message-id'])));
  const publisher = new RetryPublisher(producer as unknown as RecordProducer, {
    groupId: 'group',
    topics: TOPICS,
    policy: POLICY,
    onDeadLettered,
  });
  return { publisher, producer, heard };
}

describe(RetryPublisher.name, () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('should tell onDeadLettered of dead letters only when the dead-letter write was acknowledged', async () => {
    // Arrange
    const { publisher, producer, heard } = setup();

    // Act
    await publisher.publish([failure('retry-me', true, 0), failure('fatal', false, 0), failure('last', true, 3)]);

    // Assert
    expect(producer.sent.map(({ topic, records }) => `${topic}:${records.length}`).sort()).toEqual([
      `${TOPICS.deadLetter}:2`,
      `${TOPICS.retry}:1`,
    ]);
    expect(heard).toEqual([['fatal', 'last']]);
  });

  it('should not call onDeadLettered when every failure goes to the retry topic', async () => {
    // Arrange
    const { publisher, heard } = setup();

    // Act
    await publisher.publish([failure('a', true, 0), failure('b', true, 2)]);

    // Assert
    expect(heard).toEqual([]);
  });

  it('should not call onDeadLettered when the dead-letter write fails', async () => {
    // Arrange
    const { publisher, heard } = setup({ fail: true });

    // Act
    const act = publisher.publish([failure('fatal', false, 0)]);

    // Assert
    await expect(act).rejects.toThrow('broker down');
    expect(heard).toEqual([]);
  });

  it.each([
    {
      label: 'throws',
      listener: () => {
        throw new Error('listener broke');
      },
    },
    { label: 'rejects', listener: () => Promise.reject(new Error('listener broke')) },
  ])('should reject when the listener $label, so the offsets wait for it', async ({ listener }) => {
    // Arrange
    const { publisher, producer } = setup({ listener });

    // Act
    const act = publisher.publish([failure('fatal', false, 0)]);

    // Assert
    await expect(act).rejects.toThrow('listener broke');
    expect(producer.sent).toHaveLength(1);
  });

  it.each([
    { label: 'retriable with retries left', retriable: true, retriesSoFar: 1 },
    { label: 'non-retriable', retriable: false, retriesSoFar: 0 },
  ])('should dead-letter a record without its value when it is too large to forward ($label)', async (facts) => {
    // Arrange
    const { publisher, producer, heard } = setup();
    const huge = failure('huge', facts.retriable, facts.retriesSoFar, Buffer.alloc(5000, 'x'));

    // Act
    await publisher.publish([huge, failure('small', true, 0)]);

    // Assert
    const deadLetters = producer.sent
      .filter(({ topic }) => topic === TOPICS.deadLetter)
      .flatMap(({ records }) => records);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0].value).toBeNull();
    expect(deadLetters[0].headers).toMatchObject({
      'message-id': 'huge',
      'kafka_dlt-original-topic': TOPICS.messages,
      'kafka_dlt-original-partition': '0',
      'kafka_dlt-original-offset': '7',
      'kafka_dlt-exception-fqcn': 'RecordTooLargeError',
      'kafka_dlt-value-omitted-bytes': '5000',
      retry: String(facts.retriesSoFar),
    });
    expect(deadLetters[0].headers['kafka_dlt-exception-message']).toContain('failure of huge');
    expect(producer.sent.find(({ topic }) => topic === TOPICS.retry)?.records).toHaveLength(1);
    expect(heard).toEqual([['huge']]);
  });
});
