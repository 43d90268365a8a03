import { Logger } from '@nestjs/common';
import { InvalidClientMessageError, isRetriable } from '@app/contracts';
import { InboundRecord, RECORD_DONE, RecordOutcome } from '@app/kafka';
import { InsertResult, translateWriteError } from '@app/mongo';
import { ClientBEnvironment } from '../config/client-b.environment';
import { StoredMessagesFeed } from './stored-messages.feed';
import { DeliveryReceiptPublisher, FinishedMessage } from '../receipts/delivery-receipt.publisher';
import { FaultInjector, InjectedFaultError } from './fault.injector';
import { InboxService, InboxMetrics } from './inbox.service';
import { NewReceivedMessage, ReceivedMessageRepository } from './received-message.repository';

const duplicateKey = Object.assign(new Error('E11000 duplicate key'), { name: 'MongoWriteError', code: 11000 });
const networkDown = translateWriteError(Object.assign(new Error('connection reset'), { name: 'MongoNetworkError' }));
const SAVE_RESULTS: Record<string, InsertResult> = { dup: translateWriteError(duplicateKey), net: networkDown };

/** Answers each document by its message text: "dup" → stored before, "net" → network error; else inserted. */
class FakeReceivedMessageRepository implements Pick<ReceivedMessageRepository, 'saveMany'> {
  readonly calls: NewReceivedMessage[][] = [];

  async saveMany(messages: NewReceivedMessage[]): Promise<InsertResult[]> {
    this.calls.push(messages);
    return messages.map(({ message }) => SAVE_RESULTS[message] ?? 'inserted');
  }
}

/** Keeps the receipts the service asked for, as "<status> <message text>". */
class FakeReceiptPublisher implements Pick<DeliveryReceiptPublisher, 'finished'> {
  readonly receipts: { messageId: string; status: string }[] = [];

  async finished(messages: FinishedMessage[], status: 'stored' | 'ignored'): Promise<void> {
    this.receipts.push(...messages.map(({ messageId }) => ({ messageId, status })));
  }
}

let sequence = 0;
function record(fields: { to?: string; message?: string } | string): InboundRecord {
  const value =
    typeof fields === 'string'
      ? fields
      : JSON.stringify({
          messageId: `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`,
          from: 'clientA',
          to: fields.to ?? 'clientB',
          message: fields.message ?? 'hello',
          acceptedAt: '2024-01-01T10:00:00.000Z',
        });
  return {
    topic: 'client-messages',
    partition: 0,
    offset: String(sequence),
    key: null,
    value: Buffer.from(value),
    headers: {},
    timestamp: '0',
  };
}

function setup(env: Partial<ClientBEnvironment> = {}) {
  const environment = Object.assign(new ClientBEnvironment(), { FAULT_INJECTION_MATCH: 'boom' }, env);
  const repository = new FakeReceivedMessageRepository();
  const receipts = new FakeReceiptPublisher();
  const feed = new StoredMessagesFeed();
  const announced: string[] = [];
  feed.messages$.subscribe(({ message }) => announced.push(message));
  const service = new InboxService(
    repository as unknown as ReceivedMessageRepository,
    new FaultInjector(environment),
    receipts as unknown as DeliveryReceiptPublisher,
    feed,
    { stored: () => undefined, ignored: () => undefined } as unknown as InboxMetrics,
    environment,
  );
  return { service, repository, receipts, announced };
}

type Matcher = { asymmetricMatch(actual: unknown): boolean };
const isMatcher = (value: unknown): value is Matcher =>
  typeof (value as Matcher | null)?.asymmetricMatch === 'function';

// A failed outcome with this error, whose own `retriable` flag (which decides retry or dead letter) is as given.
const failed = (error: unknown, retriable: boolean): RecordOutcome =>
  ({
    status: 'failed',
    error: {
      asymmetricMatch: (actual: unknown) =>
        isRetriable(actual) === retriable && (isMatcher(error) ? error.asymmetricMatch(actual) : actual === error),
      toString: () => `an error with retriable ${retriable}`,
    },
  }) as unknown as RecordOutcome;

describe(InboxService.name, () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  type Case = { label: string; input: InboundRecord; expected: RecordOutcome; saved: number; answer: string };
  it.each<Case>([
    { label: 'it is addressed to clientB', input: record({}), expected: RECORD_DONE, saved: 1, answer: 'done' },
    {
      label: 'it is for someone else',
      input: record({ to: 'clientC' }),
      expected: RECORD_DONE,
      saved: 0,
      answer: 'done',
    },
    {
      label: 'its value is not JSON',
      input: record('not json'),
      expected: failed(expect.any(InvalidClientMessageError), false),
      saved: 0,
      answer: 'failed non-retriable',
    },
    {
      label: 'it was stored before',
      input: record({ message: 'dup' }),
      expected: RECORD_DONE,
      saved: 1,
      answer: 'done',
    },
    {
      label: 'the database is unreachable',
      input: record({ message: 'net' }),
      expected: failed(networkDown, true),
      saved: 1,
      answer: 'failed retriable',
    },
    {
      label: 'its text matches FAULT_INJECTION_MATCH',
      input: record({ message: 'please boom now' }),
      expected: failed(expect.any(InjectedFaultError), true),
      saved: 0,
      answer: 'failed retriable',
    },
  ])('should answer $answer when $label', async ({ input, expected, saved }) => {
    // Arrange
    const { service, repository } = setup();

    // Act
    const outcomes = await service.receive([input]);

    // Assert
    expect(outcomes).toEqual([expected]);
    expect(repository.calls.flat()).toHaveLength(saved);
  });

  it('should store the payload fields when a message to clientB is saved', async () => {
    // Arrange
    const { service, repository } = setup();

    // Act
    await service.receive([record({ message: 'hi there' })]);

    // Assert
    const stored = { from: 'clientA', to: 'clientB', message: 'hi there', timestamp: new Date('2024-01-01T10:00:00Z') };
    expect(repository.calls).toEqual([[{ messageId: expect.any(String), ...stored }]]);
  });

  it('should process a message normally when FAULT_INJECTION_MATCH is unset', async () => {
    // Arrange
    const { service } = setup({ FAULT_INJECTION_MATCH: undefined });

    // Act
    const outcomes = await service.receive([record({ message: 'please boom now' })]);

    // Assert
    expect(outcomes).toEqual([RECORD_DONE]);
  });

  it('should keep outcomes index-aligned and save once when a batch mixes every case', async () => {
    // Arrange
    const { service, repository } = setup();
    const batch = [
      record({ message: 'net' }),
      record('not json'),
      record({ message: 'first' }),
      record({ to: 'clientC' }),
      record({ message: 'boom' }),
      record({ message: 'dup' }),
      record({ message: 'second' }),
    ];

    // Act
    const outcomes = await service.receive(batch);

    // Assert
    expect(outcomes).toEqual([
      failed(networkDown, true),
      failed(expect.any(InvalidClientMessageError), false),
      RECORD_DONE,
      RECORD_DONE,
      failed(expect.any(InjectedFaultError), true),
      RECORD_DONE,
      RECORD_DONE,
    ]);
    expect(repository.calls).toHaveLength(1);
    expect(repository.calls[0].map(({ message }) => message)).toEqual(['net', 'first', 'dup', 'second']);
  });

  it('should ask for a receipt per stored or ignored message and none for a failed one when a batch mixes them', async () => {
    // Arrange
    const { service, receipts } = setup();
    const stored = record({ message: 'first' });
    const again = record({ message: 'dup' });
    const elsewhere = record({ to: 'clientC' });
    const batch = [
      stored,
      record({ message: 'net' }),
      again,
      elsewhere,
      record({ message: 'boom' }),
      record('not json'),
    ];

    // Act
    await service.receive(batch);

    // Assert
    const idOf = (input: InboundRecord) => (JSON.parse(input.value!.toString()) as { messageId: string }).messageId;
    expect(receipts.receipts).toEqual([
      { messageId: idOf(stored), status: 'stored' },
      { messageId: idOf(again), status: 'stored' },
      { messageId: idOf(elsewhere), status: 'ignored' },
    ]);
  });

  it('should announce only the messages stored now, not redeliveries or failures', async () => {
    const { service, announced } = setup();

    await service.receive([
      record({ message: 'fresh' }),
      record({ message: 'dup' }),
      record({ message: 'net' }),
      record({ message: 'boom' }),
    ]);

    expect(announced).toEqual(['fresh']);
  });
});
