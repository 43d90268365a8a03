import { CORRELATION_ID_HEADER, MESSAGE_ID_HEADER, messagingTopics } from '@app/contracts';
import { METRICS_PREFIX } from '@app/metrics';
import { FailedRecord, NonRetriableMessageError, OutgoingRecord, RecordProducer } from '@app/kafka';
import { Registry } from 'prom-client';
import { ClientBEnvironment } from '../config/client-b.environment';
import { DeliveryReceiptPublisher, ReceiptMetrics } from './delivery-receipt.publisher';

const UUID = '3f6c2a8e-5b7d-4c1a-9e2f-0a1b2c3d4e5f';

class FakeProducer {
  readonly maxRecordsBytes = 1_040_000;
  readonly sent: OutgoingRecord[] = [];

  async send(_topic: string, records: readonly OutgoingRecord[]): Promise<void> {
    this.sent.push(...records);
  }
}

function failed(headers: Record<string, string>): FailedRecord {
  const record = { topic: 't', partition: 0, offset: '1', key: null, value: null, headers, timestamp: '0' };
  return { record, error: new NonRetriableMessageError('record value is not valid JSON'), retriesSoFar: 0 };
}

async function deadLettered(headers: Record<string, string>) {
  const producer = new FakeProducer();
  const registry = new Registry();
  const env = { KAFKA_REQUEST_TIMEOUT_MS: 1000 } as ClientBEnvironment;
  const publisher = new DeliveryReceiptPublisher(
    producer as unknown as RecordProducer,
    messagingTopics(),
    env,
    new ReceiptMetrics(registry),
  );
  await publisher.deadLettered([failed(headers)]);
  const dropped = (await registry.getSingleMetric(`${METRICS_PREFIX}receipts_dropped_total`)?.get())?.values ?? [];
  return { sent: producer.sent, dropped: dropped.map(({ labels, value }) => ({ reason: labels.reason, value })) };
}

describe(DeliveryReceiptPublisher.name, () => {
  it.each([
    { name: 'an upper-case UUID', messageId: UUID.toUpperCase() },
    { name: 'a UUID with braces', messageId: `{${UUID}}` },
    { name: 'a 400 KB id cut when read', messageId: `${'m'.repeat(1000)}…[409600 bytes]` },
    { name: 'text', messageId: 'not-an-id' },
  ])('should send no receipt and count it when the message-id is $name', async ({ messageId }) => {
    const { sent, dropped } = await deadLettered({ [MESSAGE_ID_HEADER]: messageId });

    expect(sent).toEqual([]);
    expect(dropped).toEqual([{ reason: 'invalid-message-id', value: 1 }]);
  });

  it.each([
    { name: 'a correlation id client-a writes', correlationId: 'c-123', kept: true },
    { name: 'a 1 KB correlation id', correlationId: 'c'.repeat(1024), kept: false },
    { name: 'a correlation id with a space', correlationId: 'c 1', kept: false },
  ])(
    'should send the receipt of a canonical message-id, keeping $name only if plausible',
    async ({ correlationId, kept }) => {
      const { sent, dropped } = await deadLettered({
        [MESSAGE_ID_HEADER]: UUID,
        [CORRELATION_ID_HEADER]: correlationId,
      });

      expect(sent).toHaveLength(1);
      expect(sent[0].key).toBe(UUID);
      expect(sent[0].headers[CORRELATION_ID_HEADER]).toBe(kept ? correlationId : undefined);
      expect(JSON.parse(String(sent[0].value))).toMatchObject({ messageId: UUID, status: 'dead-lettered' });
      expect(dropped).toEqual([]);
    },
  );
});
