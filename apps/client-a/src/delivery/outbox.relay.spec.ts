import { ClientMessagePayload } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { ClientAEnvironment } from '../config/client-a.environment';
import { MessageStatusRepository, MessageStatus } from './message-status.repository';
import { OutboxEntryRemover } from './outbox-entry.remover';
import { OutboxEntryRepository } from './outbox-entry.repository';
import { OutboxRelay } from './outbox.relay';
import { PublishQueue } from './publish.queue';
import { SentMessageRepository } from './sent-message.repository';

const NOW = Date.now();
const entry = (messageId: string, ageMs = 60_000): ClientMessagePayload => ({
  messageId,
  from: 'clientA',
  to: 'clientB',
  message: messageId,
  acceptedAt: new Date(NOW - ageMs).toISOString(),
});

/** The outbox, oldest first, served in pages after a given entry as the repository does. */
class FakeOutbox {
  constructor(private readonly entries: ClientMessagePayload[]) {}
  async oldest(_before: Date, limit: number, after?: ClientMessagePayload): Promise<ClientMessagePayload[]> {
    const start = after ? this.entries.findIndex(({ messageId }) => messageId === after.messageId) + 1 : 0;
    return this.entries.slice(start, start + limit);
  }
}

function setup(
  entries: ClientMessagePayload[],
  facts: { copies: string[]; sent: string[]; held?: string[]; room?: number },
) {
  const handed: string[] = [];
  const removed: string[] = [];
  const queue = {
    isFull: false,
    hasRoomFor: () => handed.length < (facts.room ?? Infinity),
    holds: (messageId: string) => (facts.held ?? []).includes(messageId),
    publish: async (payload: ClientMessagePayload) => void handed.push(payload.messageId),
  };
  const copies = { findOne: async (messageId: string) => (facts.copies.includes(messageId) ? { messageId } : null) };
  const statuses = {
    has: async (messageId: string, status: MessageStatus) => status === 'sent' && facts.sent.includes(messageId),
  };
  const remover = { remove: (messageIds: readonly string[]) => void removed.push(...messageIds) };
  const env = {
    OUTBOX_RELAY_BATCH_SIZE: 2,
    OUTBOX_RELAY_MIN_AGE_MS: 0,
    OUTBOX_RELAY_INTERVAL_MS: 1000,
  } as ClientAEnvironment;
  const relay = new OutboxRelay(
    new FakeOutbox(entries) as unknown as OutboxEntryRepository,
    copies as unknown as SentMessageRepository,
    statuses as unknown as MessageStatusRepository,
    remover as unknown as OutboxEntryRemover,
    queue as unknown as PublishQueue,
    env,
  );
  return { relay, handed, removed };
}

describe(OutboxRelay.name, () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('should hand over, oldest first and across pages, every entry whose copy exists and that is not yet sent', async () => {
    const entries = ['m1', 'm2', 'm3', 'm4', 'm5'].map((id) => entry(id));
    const { relay, handed } = setup(entries, { copies: ['m1', 'm2', 'm3', 'm4', 'm5'], sent: [] });

    await expect(relay.relayAll()).resolves.toBe(true);

    expect(handed).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it.each([
    { label: 'already sent', facts: { copies: ['x'], sent: ['x'] }, ageMs: 1000, handed: [], removed: ['x'] },
    {
      label: 'without a copy and old',
      facts: { copies: [], sent: [] },
      ageMs: 10 * 60_000,
      handed: [],
      removed: ['x'],
    },
    { label: 'without a copy and recent', facts: { copies: [], sent: [] }, ageMs: 1000, handed: [], removed: [] },
    {
      label: 'held by the queue',
      facts: { copies: ['x'], sent: [], held: ['x'] },
      ageMs: 1000,
      handed: [],
      removed: [],
    },
  ])(
    'should $label: hand over $handed, remove $removed',
    async ({ facts, ageMs, handed: expectedHanded, removed: expectedRemoved }) => {
      const { relay, handed, removed } = setup([entry('x', ageMs)], facts);

      await relay.relayAll();

      expect(handed).toEqual(expectedHanded);
      expect(removed).toEqual(expectedRemoved);
    },
  );

  it('should hand over only what the queue has room for and leave the rest in the outbox for a later round', async () => {
    const entries = ['m1', 'm2', 'm3', 'm4', 'm5'].map((id) => entry(id));
    const { relay, handed, removed } = setup(entries, { copies: ['m1', 'm2', 'm3', 'm4', 'm5'], sent: [], room: 3 });

    await expect(relay.relayAll()).resolves.toBe(false);

    expect(handed).toEqual(['m1', 'm2', 'm3']);
    expect(removed).toEqual([]);
  });
});
