import { MessageStatusRepository, StatusChange } from './message-status.repository';
import { OutboxEntryRepository } from './outbox-entry.repository';
import { PublishedMessagesRecorder } from './published-messages.recorder';

/** Records the bookkeeping writes; `failStatuses` makes the status insert fail like a database outage. */
class FakeBookkeeping {
  readonly writes: string[] = [];
  failStatuses = false;
  readonly statuses = {
    record: async (changes: StatusChange[]) => {
      if (this.failStatuses) throw new Error('database down');
      this.writes.push(`sent ${changes.map(({ messageId }) => messageId).join(',')}`);
    },
  } as unknown as MessageStatusRepository;
  readonly outbox = {
    remove: async (messageIds: string[]) => {
      this.writes.push(`remove ${messageIds.join(',')}`);
    },
  } as unknown as OutboxEntryRepository;
}

describe(PublishedMessagesRecorder.name, () => {
  it('should record sent steps, then remove the outbox entries, for everything published when it shuts down', async () => {
    const fake = new FakeBookkeeping();
    const recorder = new PublishedMessagesRecorder(fake.statuses, fake.outbox);
    recorder.published('a');
    recorder.published('b');

    expect(recorder.publishedAt('a')).toBeInstanceOf(Date);
    await recorder.beforeApplicationShutdown();

    expect(fake.writes).toEqual(['sent a,b', 'remove a,b']);
    expect(recorder.publishedAt('a')).toBeUndefined();
  });

  it('should leave the entries to the relay when the sent steps cannot be written', async () => {
    const fake = new FakeBookkeeping();
    fake.failStatuses = true;
    const recorder = new PublishedMessagesRecorder(fake.statuses, fake.outbox);
    recorder.published('a');

    await expect(recorder.beforeApplicationShutdown()).resolves.toBeUndefined();

    expect(fake.writes).toEqual([]);
    expect(recorder.publishedAt('a')).toBeUndefined();
  });
});
