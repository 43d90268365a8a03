import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER, MESSAGE_ID_HEADER } from '@app/contracts';
import { waitUntil } from '@app/kafka/testing';
import { MessagingSystem } from './support/messaging-system';
import { ServiceProcess } from './support/service.process';

jest.setTimeout(120_000);

const BODY = { from: 'clientA', to: 'clientB', message: 'exactly once, please' };

async function send(url: string, key: string, body: object = BODY) {
  const response = await fetch(`${url}/send-message`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDEMPOTENCY_KEY_HEADER]: key },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  return { status: response.status, replayed: response.headers.get(IDEMPOTENT_REPLAYED_HEADER), body: json };
}

describe('the same Idempotency-Key sent again stores and publishes one message', () => {
  const system = new MessagingSystem();
  let url: string;
  let clientA: ServiceProcess;
  const published = new Set<string>();

  beforeAll(async () => {
    await system.open();
    ({ url, service: clientA } = await system.start('client-a'));
  });

  afterAll(() => system.close());

  it('should answer the same messageId when a key is sent twice', async () => {
    const first = await send(url, 'order-42');
    const second = await send(url, 'order-42');

    expect(first.status).toBe(201);
    expect(first.replayed).toBeNull();
    expect(second).toEqual({ status: 201, replayed: 'true', body: first.body });
    published.add(first.body.messageId as string);
  });

  it('should accept one message when ten requests with one key arrive at once', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => send(url, 'burst-7')));

    const ids = new Set(answers.map((answer) => answer.body.messageId));
    expect(ids.size).toBe(1);
    expect(answers.every((answer) => [201, 202].includes(answer.status))).toBe(true);
    expect(answers.filter((answer) => answer.replayed === null)).toHaveLength(1);
    const [messageId] = ids as Set<string>;
    expect(await system.store.count({ messageId, mailbox: 'outbox' })).toBe(1);
    published.add(messageId);
  });

  it('should refuse with 422 when a used key comes with another message', async () => {
    const response = await send(url, 'order-42', { ...BODY, message: 'something else' });

    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      statusCode: 422,
      message: 'Idempotency-Key was already used for a different message',
    });
  });

  it('should still answer the first messageId after client-a restarts', async () => {
    const before = await send(url, 'order-42');
    await clientA.stop('SIGTERM');
    ({ url } = await system.start('client-a'));

    const after = await send(url, 'order-42');

    expect(after).toEqual({ status: 201, replayed: 'true', body: before.body });
  });

  it('should leave one outbox document and one Kafka record per key', async () => {
    for (const messageId of published) {
      expect(await system.store.count({ messageId, mailbox: 'outbox' })).toBe(1);
    }
    expect(await system.store.count({ mailbox: 'outbox' })).toBe(published.size);
    const records = await system.kafka.readRecords(system.topics.messages, published.size);
    const recordIds = records.map((record) => record.headers[MESSAGE_ID_HEADER]).sort();
    expect(recordIds).toEqual([...published].sort());
    expect(await system.kafka.endOffsetTotal(system.topics.messages)).toBe(published.size);
  });
});

describe('an Idempotency-Key is forgotten after IDEMPOTENCY_KEY_TTL_MS', () => {
  const system = new MessagingSystem({ IDEMPOTENCY_KEY_TTL_MS: '1000' });
  let url: string;

  beforeAll(async () => {
    await system.open();
    ({ url } = await system.start('client-a'));
  });

  afterAll(() => system.close());

  it('should accept a new message under the same key once the key expired', async () => {
    const first = await send(url, 'short-lived');

    const renewed = await waitUntil(
      async () => {
        const answer = await send(url, 'short-lived');
        return answer.body.messageId !== first.body.messageId && answer;
      },
      { description: 'the key to expire' },
    );

    expect(renewed.status).toBe(201);
    expect(renewed.replayed).toBeNull();
    expect(await system.store.count({ mailbox: 'outbox' })).toBe(2);
  });
});
