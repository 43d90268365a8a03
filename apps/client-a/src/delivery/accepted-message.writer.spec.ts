import { ClientMessagePayload } from '@app/contracts';
import { AcceptedMessageWriter } from './accepted-message.writer';
import { MessageNotStoredError, StorageOutcomeUnknownError } from './accepted-message.writer';
import { OutboxEntryRepository } from './outbox-entry.repository';
import { NewSentMessage, SentMessageRepository } from './sent-message.repository';

const payload: ClientMessagePayload = {
  messageId: '2b1f1c3e-0f59-4a6b-9d55-0d6b3c1f2a10',
  from: 'clientA',
  to: 'clientB',
  message: 'hello',
  acceptedAt: '2026-01-01T00:00:00.000Z',
};
const failure = (name: string, code?: number) => Object.assign(new Error(name), { name, code });

function setup(options: { entriesFail?: Error; copiesFail?: Error; copyExists?: boolean } = {}) {
  const written: string[] = [];
  const outbox = {
    addMany: async () => {
      if (options.entriesFail) throw options.entriesFail;
      written.push('entry');
    },
  };
  const copies = {
    insertMany: async (messages: readonly NewSentMessage[]) => {
      if (options.copiesFail) throw options.copiesFail;
      written.push('copy');
      return messages.map(() => !options.copyExists);
    },
  };
  const writer = new AcceptedMessageWriter(
    outbox as unknown as OutboxEntryRepository,
    copies as unknown as SentMessageRepository,
  );
  return { writer, written };
}

describe(AcceptedMessageWriter.name, () => {
  it('should write the outbox entry before the copy and report the message stored', async () => {
    const { writer, written } = setup();

    await expect(writer.write(payload)).resolves.toBe('stored');
    expect(written).toEqual(['entry', 'copy']);
  });

  it('should report already-stored when the copy existed', async () => {
    await expect(setup({ copyExists: true }).writer.write(payload)).resolves.toBe('already-stored');
  });

  it.each([
    {
      label: 'the entry times out (no copy is ever written)',
      options: { entriesFail: failure('MongoNetworkTimeoutError') },
    },
    { label: 'no server answers for the copy', options: { copiesFail: failure('MongoServerSelectionError') } },
    { label: 'the server refuses the copy', options: { copiesFail: failure('MongoServerError', 121) } },
  ])('should reject with MessageNotStoredError when $label', async ({ options }) => {
    await expect(setup(options).writer.write(payload)).rejects.toBeInstanceOf(MessageNotStoredError);
  });

  it("should reject with the message's id and an unknown outcome when the copy's write times out", async () => {
    const act = setup({ copiesFail: failure('MongoNetworkTimeoutError') }).writer.write(payload);

    await expect(act).rejects.toBeInstanceOf(StorageOutcomeUnknownError);
    await expect(act).rejects.toMatchObject({ messageId: payload.messageId });
  });
});
