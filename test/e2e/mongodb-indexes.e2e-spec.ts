import { randomUUID } from 'node:crypto';
import { MessagingSystem } from './support/messaging-system';
import { ServiceProcess } from './support/service.process';
import { workerPort } from './support/worker-slot';

jest.setTimeout(90_000);

// In production client-b's inbox is private: it does not start without an inbox token.
const PRODUCTION = { NODE_ENV: 'production', INBOX_TOKEN: `inbox-token-${randomUUID()}` };

// As declared by the schemas (libs/mongo's StoredMessage, client-a's outbox, status and idempotency keys).
const EXPECTED_INDEXES = {
  messages: ['messageId_mailbox_unique', 'inbox_page'],
  outbox: ['acceptedAt'],
  'message-status': ['messageId'],
  'idempotency-keys': ['expiresAt'],
};

describe('with NODE_ENV=production, indexes come from the start-up step (autoIndex is off)', () => {
  const system = new MessagingSystem(PRODUCTION);
  let clientA: ServiceProcess;
  let clientB: ServiceProcess;

  beforeAll(async () => {
    await system.open();
    ({ service: clientA } = await system.start('client-a'));
    ({ service: clientB } = await system.start('client-b'));
  });

  afterAll(() => system.close());

  it.each(Object.entries(EXPECTED_INDEXES))(
    'should have created the indexes of %s when the services answer',
    async (collection, names) => {
      const existing = await system.store.indexNames(collection);

      expect(existing).toEqual(expect.arrayContaining(['_id_', ...names]));
    },
  );

  it('should say so once in each service when the step is done', () => {
    expect(clientA.countLines(/Indexes ready on .*messages.*outbox/)).toBe(1);
    expect(clientB.countLines(/Indexes ready on .*messages.* in \d+ ms/)).toBe(1);
  });
});

describe('an index that cannot be created stops start-up', () => {
  const system = new MessagingSystem(PRODUCTION);

  beforeAll(() => system.open());
  afterAll(() => system.close());

  it('should stop client-b naming the collection when two copies break the unique index', async () => {
    const messageId = randomUUID();
    const copy = {
      messageId,
      mailbox: 'inbox',
      from: 'clientA',
      to: 'clientB',
      message: 'twice',
      timestamp: new Date(),
    };
    // Written past the services, as an older deployment without the index could have.
    await system.store.insertInto('messages', [
      { _id: `inbox:${messageId}`, ...copy },
      { _id: `inbox:${messageId}-again`, ...copy },
    ]);

    const service = new ServiceProcess('client-b', system.env('client-b', workerPort(3070)));
    const exitCode = await service.exited;

    expect(exitCode).not.toBe(0);
    const [line, ...more] = service.logs.split('\n').filter((text) => text.includes('could not be created'));
    expect(more).toHaveLength(0);
    expect(line).toContain('client-b failed to start: MongoDB indexes of collection messages could not be created');
  });
});
