import { ClientMessagePayload } from '@app/contracts';
import { OutboxEntryRepository } from './outbox-entry.repository';
import { PendingMessageWriter } from './pending-message.writer';
import { NewSentMessage, SentMessageRepository } from './sent-message.repository';

/** Records each bulk write, in order; copies already stored are reported as not inserted. */
class FakeStore {
  readonly writes: string[] = [];
  readonly stored = new Set<string>(['already-there']);
  readonly outbox = {
    addMany: async (payloads: readonly ClientMessagePayload[]) => {
      this.writes.push(`outbox ${payloads.map(({ messageId }) => messageId).join(',')}`);
    },
  } as unknown as OutboxEntryRepository;
  readonly copies = {
    insertMany: async (messages: readonly NewSentMessage[]) => {
      this.writes.push(`copies ${messages.map(({ messageId }) => messageId).join(',')}`);
      return messages.map(({ messageId }) => !this.stored.has(messageId));
    },
  } as unknown as SentMessageRepository;
}

const payload = (messageId: string): ClientMessagePayload => ({
  messageId,
  from: 'clientA',
  to: 'clientB',
  message: 'hello',
  acceptedAt: '2026-01-31T12:00:00.000Z',
});

describe(PendingMessageWriter.name, () => {
  it('should write concurrent messages with one insert of entries, then one of copies, per round', async () => {
    const store = new FakeStore();
    const writer = new PendingMessageWriter(store.outbox, store.copies);

    const results = await Promise.all(['a', 'b', 'c'].map((id) => writer.write(payload(id))));

    expect(results).toEqual([true, true, true]);
    expect(store.writes).toEqual(['outbox a', 'copies a', 'outbox b,c', 'copies b,c']);
  });

  it('should answer false for a message whose copy was stored before', async () => {
    const store = new FakeStore();
    const writer = new PendingMessageWriter(store.outbox, store.copies);

    await expect(writer.write(payload('already-there'))).resolves.toBe(false);
  });
});
