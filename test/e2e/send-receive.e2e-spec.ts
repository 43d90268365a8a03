import { MESSAGE_ID_HEADER } from '@app/contracts';
import { waitUntil } from '@app/kafka/testing';
import { MessagingSystem, sendMessage } from './support/messaging-system';
import { ServiceProcess } from './support/service.process';

jest.setTimeout(120_000);

describe('send → receive over the real broker and database', () => {
  const system = new MessagingSystem();
  let clientAUrl: string;
  let clientB: ServiceProcess;

  beforeAll(async () => {
    await system.open();
    ({ url: clientAUrl } = await system.start('client-a'));
    ({ service: clientB } = await system.start('client-b'));
  });

  afterAll(() => system.close());

  it('should store a message for clientB in both mailboxes exactly once when sent over HTTP', async () => {
    const response = await sendMessage(clientAUrl, { from: 'clientA', to: 'clientB', message: 'Test success' });

    expect(response.status).toBe(201);
    const messageId = response.body.messageId as string;
    expect(messageId).toMatch(/^[0-9a-f-]{36}$/);
    await waitUntil(() => system.store.count({ messageId, mailbox: 'inbox' }).then((n) => n === 1), {
      description: 'the inbox copy',
    });
    const copies = await system.store.find({ messageId });
    expect(copies.map((copy) => copy.mailbox).sort()).toEqual(['inbox', 'outbox']);
    expect(copies.every((copy) => copy.message === 'Test success' && copy.to === 'clientB')).toBe(true);
    await clientB.waitForLog(`Message saved ${messageId}`);
  });

  it('should put the messageId in a header and key the record by recipient when producing', async () => {
    const response = await sendMessage(clientAUrl, { from: 'clientA', to: 'clientB', message: 'headers' });

    const records = await system.kafka.readRecords(system.topics.messages, 2);
    const record = records.find((candidate) => candidate.headers[MESSAGE_ID_HEADER] === response.body.messageId);
    expect(record?.key?.toString()).toBe('clientB');
    expect(JSON.parse(record!.value!.toString())).toMatchObject({ from: 'clientA', to: 'clientB', message: 'headers' });
  });

  it('should ignore a message for someone else and commit its offset when it is not for clientB', async () => {
    const response = await sendMessage(clientAUrl, { from: 'clientA', to: 'clientA', message: 'Test failure' });
    const messageId = response.body.messageId as string;

    await clientB.waitForLog(`Message ignored ${messageId}`);
    await waitUntil(() => system.kafka.groupLag(system.groupId, [system.topics.messages]).then((lag) => lag === 0), {
      description: 'consumer lag 0',
    });
    expect(await system.store.count({ messageId, mailbox: 'inbox' })).toBe(0);
    expect(await system.store.count({ messageId, mailbox: 'outbox' })).toBe(1);
  });

  it('should keep one document when the same record is delivered twice', async () => {
    const payload = {
      messageId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
      from: 'clientX',
      to: 'clientB',
      message: 'delivered twice',
      acceptedAt: new Date().toISOString(),
    };
    const record = {
      key: 'clientB',
      value: JSON.stringify(payload),
      headers: { [MESSAGE_ID_HEADER]: payload.messageId },
    };

    await system.kafka.produce(system.topics.messages, [record, record]);

    await clientB.waitForLog(`Message already stored ${payload.messageId}`);
    expect(await system.store.count({ messageId: payload.messageId, mailbox: 'inbox' })).toBe(1);
  });
});
