import { messagingTopics } from '@app/contracts';
import { OutgoingRecord, RecordProducer } from '@app/kafka';
import type { AcceptedMessage } from './outbox-entry.repository';
import { ClientMessagePublisher } from './client-message.publisher';

/** Keeps what would have been produced, by topic. */
class FakeProducer {
  readonly sent: { topic: string; records: readonly OutgoingRecord[] }[] = [];
  async send(topic: string, records: readonly OutgoingRecord[]): Promise<void> {
    this.sent.push({ topic, records });
  }
}

const message = (fields: Partial<AcceptedMessage> = {}): AcceptedMessage => ({
  messageId: '00000000-0000-4000-8000-000000000001',
  from: 'clientA',
  to: 'clientB',
  message: 'hello',
  acceptedAt: '2026-12-01T10:00:00.000Z',
  ...fields,
});

describe(ClientMessagePublisher.name, () => {
  function publish(messages: AcceptedMessage[]) {
    const producer = new FakeProducer();
    const publisher = new ClientMessagePublisher(producer as unknown as RecordProducer, messagingTopics(''));
    return publisher.publish(messages, 1000).then(() => producer.sent);
  }

  it('should put the correlation id in a header and keep it out of the value when the message has one', async () => {
    const [{ topic, records }] = await publish([message({ correlationId: 'trace-1' })]);

    expect(topic).toBe('client-messages');
    expect(records[0].headers).toEqual({ 'message-id': message().messageId, 'correlation-id': 'trace-1' });
    expect(JSON.parse(String(records[0].value))).toEqual(message());
    expect(records[0].key).toBe('clientB');
  });

  it('should send only the message-id header when the message has no correlation id', async () => {
    const [{ records }] = await publish([message()]);

    expect(records[0].headers).toEqual({ 'message-id': message().messageId });
  });
});
