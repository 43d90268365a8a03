import { ClientMessagePayload } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { ClientAEnvironment } from '../config/client-a.environment';
import { ClientMessagePublisher } from './client-message.publisher';
import { MessageStatusRepository, StatusChange } from './message-status.repository';
import { OutboxEntryRemover } from './outbox-entry.remover';
import { PublishQueue, queuedMessageBytes } from './publish.queue';
import { DeliveryMetrics } from './delivery.metrics';

const payload = (messageId: string): ClientMessagePayload => ({
  messageId,
  from: 'clientA',
  to: 'clientB',
  message: messageId,
  acceptedAt: '2026-01-01T00:00:00.000Z',
});

/** Kafka that fails the first `failures` publishes, then keeps what it was sent, in order. */
class FakePublisher {
  readonly published: string[] = [];
  constructor(private failures = 0) {}
  async publish(payloads: readonly ClientMessagePayload[]): Promise<void> {
    if (this.failures-- > 0) throw new Error('broker down');
    this.published.push(...payloads.map(({ messageId }) => messageId));
  }
}

class FakeStatuses {
  readonly recorded: StatusChange[] = [];
  constructor(private readonly fail = false) {}
  async record(changes: StatusChange[]): Promise<void> {
    if (this.fail) throw new Error('database down');
    this.recorded.push(...changes);
  }
}

class FakeRemover {
  readonly removed: string[] = [];
  remove(messageIds: readonly string[]): void {
    this.removed.push(...messageIds);
  }
  async settled(): Promise<void> {}
}

function setup(options: { kafkaFailures?: number; statusesFail?: boolean; capacity?: number; maxBytes?: number } = {}) {
  const publisher = new FakePublisher(options.kafkaFailures);
  const statuses = new FakeStatuses(options.statusesFail);
  const remover = new FakeRemover();
  const env = {
    PUBLISH_QUEUE_CAPACITY: options.capacity ?? 100,
    PUBLISH_QUEUE_MAX_BYTES: options.maxBytes ?? 1024 * 1024,
    KAFKA_REQUEST_TIMEOUT_MS: 1000,
  } as ClientAEnvironment;
  const queue = new PublishQueue(
    publisher as unknown as ClientMessagePublisher,
    statuses as unknown as MessageStatusRepository,
    remover as unknown as OutboxEntryRemover,
    env,
    { published: () => undefined } as unknown as DeliveryMetrics,
  );
  return { queue, publisher, statuses, remover };
}

describe(PublishQueue.name, () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('should publish in arrival order, record sent steps, then remove the entries', async () => {
    const { queue, publisher, statuses, remover } = setup();

    await Promise.all(['a', 'b', 'c'].map((id) => queue.publish(payload(id))));

    expect(publisher.published).toEqual(['a', 'b', 'c']);
    expect(statuses.recorded.map(({ messageId, status }) => `${messageId}:${status}`)).toEqual([
      'a:sent',
      'b:sent',
      'c:sent',
    ]);
    expect(remover.removed.sort()).toEqual(['a', 'b', 'c']);
    expect(queue.holds('a')).toBe(false);
  });

  it('should try the head again until Kafka takes it, keeping the order, when Kafka fails', async () => {
    const { queue, publisher } = setup({ kafkaFailures: 2 });

    const first = queue.publish(payload('first'));
    const second = queue.publish(payload('second'));
    expect(queue.holds('first')).toBe(true);
    await Promise.all([first, second]);

    expect(publisher.published).toEqual(['first', 'second']);
  });

  it('should keep the entries when the sent steps cannot be written, so the relay finds them', async () => {
    const { queue, publisher, remover } = setup({ statusesFail: true });

    await queue.publish(payload('unrecorded'));

    expect(publisher.published).toEqual(['unrecorded']);
    expect(remover.removed).toEqual([]);
  });

  it('should say it is full when as many messages wait as it may hold', async () => {
    const { queue } = setup({ kafkaFailures: 1, capacity: 2 });

    const waiting = [queue.publish(payload('x')), queue.publish(payload('y'))];
    const fullWhileWaiting = queue.isFull;
    await Promise.all(waiting);

    expect(fullWhileWaiting).toBe(true);
    expect(queue.isFull).toBe(false);
  });

  it('should have no room for a message past its byte budget while Kafka is down, and room again once they are published', async () => {
    const large = (messageId: string) => ({ ...payload(messageId), message: 'x'.repeat(10_000) });
    const { queue } = setup({ kafkaFailures: 1, maxBytes: 2 * queuedMessageBytes(large('a')) });

    const waiting = [queue.publish(large('a')), queue.publish(large('b'))];
    const roomWhileWaiting = {
      large: queue.hasRoomFor(large('c')),
      queued: queue.hasRoomFor(large('a')),
      full: queue.isFull,
    };
    await Promise.all(waiting);

    expect(roomWhileWaiting).toEqual({ large: false, queued: true, full: true });
    expect(queue.hasRoomFor(large('c'))).toBe(true);
    expect(queue.bytes).toBe(0);
  });

  it.each([
    { message: '', expected: 512 + 2 * (1 + 7 + 7 + 24) },
    { message: 'x'.repeat(1000), expected: 512 + 2 * (1 + 7 + 7 + 24 + 1000) },
  ])('should count $expected bytes for a message of $message.length characters', ({ message, expected }) => {
    expect(queuedMessageBytes({ ...payload('m'), message })).toBe(expected);
  });

  it('should not queue a message twice when the relay hands over one a request is publishing', async () => {
    const { queue, publisher } = setup({ kafkaFailures: 1 });

    await Promise.all([queue.publish(payload('same')), queue.publish(payload('same'))]);

    expect(publisher.published).toEqual(['same']);
  });

  it('should publish a message that arrives while the last sent steps are being written', async () => {
    const { queue, publisher, statuses } = setup();
    let release = () => {};
    const slowRecord = statuses.record.bind(statuses);
    statuses.record = (changes) =>
      new Promise<void>((resolve) => (release = () => void slowRecord(changes).then(resolve)));

    const first = queue.publish(payload('first'));
    await new Promise((resolve) => setImmediate(resolve));
    const late = queue.publish(payload('late'));
    statuses.record = slowRecord;
    release();
    await Promise.all([first, late]);

    expect(publisher.published).toEqual(['first', 'late']);
  });
});
