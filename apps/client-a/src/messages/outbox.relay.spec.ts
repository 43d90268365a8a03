import { ClientMessagePayload } from '@app/contracts';
import { ClientAEnvironment } from '../config/client-a.environment';
import { ClientMessagePublisher } from './client-message.publisher';
import { MessageStatusRepository } from './message-status.repository';
import { OutboxEntryRepository } from './outbox-entry.repository';
import { OutboxBacklog } from './outbox.backlog';
import { OutboxRelay } from './outbox.relay';
import { PublishedMessagesRecorder } from './published-messages.recorder';

const message = (messageId: string): ClientMessagePayload => ({
  messageId,
  from: 'clientA',
  to: 'clientB',
  message: messageId,
  acceptedAt: '2026-01-31T12:00:00.000Z',
});

/** An outbox and a broker of our own interfaces; `duringPublish` runs while a publish is in flight. */
class FakeWorld {
  readonly published: string[][] = [];
  readonly stored: ClientMessagePayload[] = [];
  duringPublish: () => void = () => undefined;
  readonly outbox = {
    oldest: async () => [...this.stored],
    remove: async (ids: string[]) => {
      for (const id of ids) this.stored.splice(this.stored.findIndex(({ messageId }) => messageId === id), 1);
    },
  } as unknown as OutboxEntryRepository;
  readonly statuses = { record: async () => undefined } as unknown as MessageStatusRepository;
  readonly recorder = new PublishedMessagesRecorder(this.statuses, this.outbox);
  readonly publisher = {
    publish: async (payloads: ClientMessagePayload[]) => {
      this.duringPublish();
      this.duringPublish = () => undefined;
      this.published.push(payloads.map(({ messageId }) => messageId));
    },
  } as unknown as ClientMessagePublisher;
}

const env = { OUTBOX_RELAY_MIN_AGE_MS: 3000, OUTBOX_RELAY_BATCH_SIZE: 500, KAFKA_REQUEST_TIMEOUT_MS: 1000 } as ClientAEnvironment;

describe(OutboxRelay.name, () => {
  it('should publish what requests handed over during a round, oldest first, then end the backlog', async () => {
    const world = new FakeWorld();
    const backlog = new OutboxBacklog();
    const relay = new OutboxRelay(world.outbox, world.recorder, world.publisher, backlog, env);
    backlog.mark();
    world.stored.push(message('older'));
    // A request stores a message and hands it over while the relay publishes the outbox it read.
    world.duringPublish = () => {
      world.stored.push(message('newer'));
      backlog.handOver(message('newer'));
    };

    await relay.relayOnce();

    expect(world.published).toEqual([['older'], ['newer']]);
    expect(backlog.exists).toBe(false);
    expect(world.stored).toEqual([]);
  });

  it('should keep the backlog when Kafka refuses the outbox', async () => {
    const world = new FakeWorld();
    const backlog = new OutboxBacklog();
    const refusing = { publish: async () => Promise.reject(new Error('broker down')) } as unknown as ClientMessagePublisher;
    const relay = new OutboxRelay(world.outbox, world.recorder, refusing, backlog, env);
    world.stored.push(message('stuck'));

    await relay.relayOnce();

    expect(backlog.exists).toBe(true);
    expect(world.stored.map(({ messageId }) => messageId)).toEqual(['stuck']);
  });

  it('should end the backlog at once when the outbox is empty and nothing was handed over', async () => {
    const world = new FakeWorld();
    const backlog = new OutboxBacklog();
    const relay = new OutboxRelay(world.outbox, world.recorder, world.publisher, backlog, env);
    backlog.mark();

    await relay.relayOnce();

    expect(world.published).toEqual([]);
    expect(backlog.exists).toBe(false);
  });
});
