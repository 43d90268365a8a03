import {
  CORRELATION_ID_HEADER,
  DLT_EXCEPTION_CLASS_HEADER,
  DLT_ORIGINAL_TIMESTAMP_HEADER,
  DLT_ORIGINAL_TOPIC_HEADER,
  FIRST_FAILURE_AT_HEADER,
  MESSAGE_ID_HEADER,
  RETRY_DUE_AT_HEADER,
  RETRY_HEADER,
} from '@app/contracts';
import { RawRecord, waitUntil } from '@app/kafka/testing';
import { randomUUID } from 'node:crypto';
import { AdminClient } from './support/admin-client';
import { clientMessageRecord } from './support/client-message.factory';
import { MessagingSystem, sendMessage } from './support/messaging-system';
import { PrometheusScrape } from './support/prometheus-scrape';
import { ServiceProcess } from './support/service.process';

jest.setTimeout(180_000);

const ADMIN_TOKEN = 'hostile-records-e2e-admin-token-0123456789';
const KB = 1024;
// The topics are created with the broker's default max.message.bytes (1,048,588), as the services
// create theirs: a record of a 1,000,000-byte header and a short value is the largest it accepts.
const NEARLY_1_MB = 1_000_000;
// What a dead letter or a receipt may weigh in headers once client-b has bounded what it read.
const BOUNDED_HEADERS_BYTES = 40 * KB;

/** A header value of `bytes` bytes; with `://` in it, what the log scrubber used to choke on. */
function long(bytes: number, withUri = false): string {
  const head = withUri ? 'http://x/' : '';
  return head + 'a'.repeat(bytes - head.length);
}

describe('hostile records: no header or value a writer puts on a record stalls, bloats or breaks client-b', () => {
  const system = new MessagingSystem({ ADMIN_TOKEN, RETRY_BASE_DELAY_MS: '10' });
  let clientA: string;
  let clientBUrl: string;
  let clientB: ServiceProcess;
  let admin: AdminClient;

  beforeAll(async () => {
    await system.open();
    ({ url: clientA } = await system.start('client-a'));
    ({ url: clientBUrl, service: clientB } = await system.start('client-b'));
    admin = new AdminClient(clientBUrl, ADMIN_TOKEN);
  });

  afterAll(() => system.close());

  /** Sends a good message through client-a and waits for its receipt: client-b went on behind the bad records. */
  async function goodMessageDelivered(): Promise<void> {
    const sent = await sendMessage(clientA, {
      from: 'clientA',
      to: 'clientB',
      message: `behind the hostile records ${randomUUID()}`,
    });
    expect(sent.status).toBe(201);
    const messageId = sent.body.messageId as string;
    await waitUntil(
      async () => {
        const view = (await (await fetch(`${clientA}/messages/${messageId}`)).json()) as { status: string };
        return view.status === 'delivered';
      },
      { timeoutMs: 60_000, description: 'the good message to be delivered (its receipt read by client-a)' },
    );
    expect(await system.store.count({ messageId, mailbox: 'inbox' })).toBe(1);
    await waitUntil(
      () =>
        system.kafka.groupLag(system.groupId, [system.topics.messages, system.topics.retry]).then((lag) => lag === 0),
      {
        description: 'lag 0 on the main and retry topics',
      },
    );
    expect(clientB.crash()).toBeUndefined();
    expect((await fetch(`${clientBUrl}/health/live`)).status).toBe(200);
  }

  /** Every record of `topic`, its headers whole, so they are measured as the broker holds them. */
  async function allOf(topic: string) {
    const records = await system.kafka.readAll(topic, 30_000, { wholeHeaders: true });
    return records.map((record) => ({
      key: record.key?.toString() ?? null,
      value: record.value?.toString() ?? '',
      headers: record.headers,
    }));
  }

  async function deadLettersKeyed(key: string) {
    return (await allOf(system.topics.deadLetter)).filter((record) => record.key === key);
  }

  const headerBytes = (headers: Record<string, string>) =>
    Object.entries(headers).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value), 0);

  it.each<{ label: string; headers: Record<string, string>; cutHeader: string }>([
    {
      label: 'a 200 KB message-id with "://"',
      headers: { [MESSAGE_ID_HEADER]: long(200 * KB, true) },
      cutHeader: MESSAGE_ID_HEADER,
    },
    { label: 'a 16 KB message-id', headers: { [MESSAGE_ID_HEADER]: long(16 * KB) }, cutHeader: MESSAGE_ID_HEADER },
    {
      label: 'a 1 MB message-id',
      headers: { [MESSAGE_ID_HEADER]: long(NEARLY_1_MB, true) },
      cutHeader: MESSAGE_ID_HEADER,
    },
    {
      label: 'a 16 KB correlation-id',
      headers: { [MESSAGE_ID_HEADER]: randomUUID(), [CORRELATION_ID_HEADER]: long(16 * KB) },
      cutHeader: CORRELATION_ID_HEADER,
    },
    {
      label: 'a 1 MB correlation-id',
      headers: { [MESSAGE_ID_HEADER]: randomUUID(), [CORRELATION_ID_HEADER]: long(NEARLY_1_MB, true) },
      cutHeader: CORRELATION_ID_HEADER,
    },
    { label: 'a 16 KB unknown header', headers: { 'x-hostile': long(16 * KB, true) }, cutHeader: 'x-hostile' },
    { label: 'a 1 MB unknown header', headers: { 'x-hostile': long(NEARLY_1_MB) }, cutHeader: 'x-hostile' },
    {
      label: 'a thousand unknown headers',
      headers: Object.fromEntries(Array.from({ length: 1000 }, (_, index) => [`x-${index}`, long(512)])),
      cutHeader: 'x-0',
    },
  ])(
    'should dead-letter once, with bounded headers, a record that is not JSON and carries $label',
    async ({ headers, cutHeader }) => {
      const key = `hostile-${randomUUID()}`;

      await system.kafka.produce(system.topics.messages, [{ key, value: 'not json', headers }]);
      await goodMessageDelivered();

      const deadLetters = await deadLettersKeyed(key);
      expect(deadLetters).toHaveLength(1);
      expect(deadLetters[0].value).toBe('not json');
      expect(deadLetters[0].headers[DLT_EXCEPTION_CLASS_HEADER]).toBe('InvalidClientMessageError');
      expect(headerBytes(deadLetters[0].headers)).toBeLessThan(BOUNDED_HEADERS_BYTES);
      console.log(
        `headers written ${headerBytes(headers)} bytes, on the dead letter ${headerBytes(deadLetters[0].headers)} bytes`,
      );
      // What the dead letter keeps of a long header: its first bytes and its full size.
      expect(deadLetters[0].headers[cutHeader]).toMatch(
        new RegExp(`^(http://x/)?a+…\\[${Buffer.byteLength(headers[cutHeader])} bytes\\]$`),
      );
    },
  );

  it('should store a valid message once and send its receipt without the header when its correlation-id is 1 MB', async () => {
    const record = clientMessageRecord(
      {},
      { [CORRELATION_ID_HEADER]: long(NEARLY_1_MB, true), 'x-hostile': long(16 * KB) },
    );

    await system.kafka.produce(system.topics.messages, [record]);
    await goodMessageDelivered();

    expect(await system.store.count({ messageId: record.messageId, mailbox: 'inbox' })).toBe(1);
    const receipts = (await allOf(system.topics.status)).filter(({ key }) => key === record.messageId);
    // A receipt may be sent twice (its effect does not change); none carries the hostile header.
    expect(receipts.length).toBeGreaterThanOrEqual(1);
    expect(receipts.every(({ headers }) => headers[CORRELATION_ID_HEADER] === undefined)).toBe(true);
    expect(JSON.parse(receipts[0].value)).toMatchObject({ messageId: record.messageId, status: 'stored' });
  });

  it('should send no receipt, count it, and commit when a bad record has a message-id larger than the receipt limit', async () => {
    const before = await PrometheusScrape.of(clientBUrl);
    const key = `oversized-id-${randomUUID()}`;

    await system.kafka.produce(system.topics.messages, [
      { key, value: 'not json', headers: { [MESSAGE_ID_HEADER]: long(NEARLY_1_MB) } },
    ]);
    await goodMessageDelivered();

    expect(await deadLettersKeyed(key)).toHaveLength(1);
    const after = await PrometheusScrape.of(clientBUrl);
    expect(after.delta(before, 'client_messaging_receipts_dropped_total', { reason: 'invalid-message-id' })).toBe(1);
    const statusRecords = await allOf(system.topics.status);
    expect(
      statusRecords.every(
        ({ key: receiptKey, value, headers }) =>
          receiptKey?.length === 36 && value.length < 2 * KB && headerBytes(headers) < 2 * KB,
      ),
    ).toBe(true);
  });

  it.each([
    { label: 'an upper-case messageId', messageId: randomUUID().toUpperCase(), acceptedAt: new Date().toISOString() },
    { label: 'an acceptedAt in month 13', messageId: randomUUID(), acceptedAt: '2024-13-01T00:00:00Z' },
    { label: 'an acceptedAt of February 30th', messageId: randomUUID(), acceptedAt: '2024-02-30T10:00:00.000Z' },
  ])('should dead-letter once and store nothing when a record has $label', async ({ messageId, acceptedAt }) => {
    const key = `strict-${randomUUID()}`;
    const value = JSON.stringify({
      messageId,
      from: 'clientA',
      to: 'clientB',
      message: 'strictly checked',
      acceptedAt,
    });

    await system.kafka.produce(system.topics.messages, [{ key, value, headers: { [MESSAGE_ID_HEADER]: messageId } }]);
    await goodMessageDelivered();

    const deadLetters = await deadLettersKeyed(key);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0].headers[DLT_EXCEPTION_CLASS_HEADER]).toBe('InvalidClientMessageError');
    expect(await system.store.count({ messageId })).toBe(0);
    expect(await system.store.count({ messageId: messageId.toLowerCase() })).toBe(0);
  });

  it.each([
    {
      label: 'a retry header and a due time an hour ahead',
      headers: { [RETRY_HEADER]: '3', [RETRY_DUE_AT_HEADER]: String(Date.now() + 3_600_000) },
    },
    { label: 'a malformed retry header', headers: { [RETRY_HEADER]: 'seven', [RETRY_DUE_AT_HEADER]: 'soon' } },
  ])('should ignore $label on the main topic and store the message at once', async ({ headers }) => {
    const record = clientMessageRecord({}, headers);

    await system.kafka.produce(system.topics.messages, [record]);
    await goodMessageDelivered();

    expect(await system.store.count({ messageId: record.messageId, mailbox: 'inbox' })).toBe(1);
    expect(
      (await allOf(system.topics.deadLetter)).filter(({ headers: dlt }) => dlt[MESSAGE_ID_HEADER] === record.messageId),
    ).toEqual([]);
  });

  it('should list dead letters whose timestamps no Date can hold, without them, and keep answering 200', async () => {
    const key = `out-of-range-${randomUUID()}`;
    const outOfRange: RawRecord[] = [
      { key, value: 'old', timestamp: '-9000000000000000', headers: { [DLT_EXCEPTION_CLASS_HEADER]: 'Forged' } },
      {
        key,
        value: 'forged headers',
        headers: {
          [DLT_ORIGINAL_TOPIC_HEADER]: system.topics.messages,
          [DLT_ORIGINAL_TIMESTAMP_HEADER]: '99999999999999999',
          [FIRST_FAILURE_AT_HEADER]: '2024-13-01T00:00:00Z',
        },
      },
    ];

    await system.kafka.produce(system.topics.deadLetter, outOfRange);
    const pages: {
      deadLetteredAt: string | null;
      key: string | null;
      original: { timestamp: number | null } | null;
      firstFailureAt: string | null;
    }[] = [];
    let cursor: string | null = null;
    do {
      const { status, body }: { status: number; body: { deadLetters: typeof pages; nextCursor: string | null } } =
        await admin.get(`/dead-letters?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      expect(status).toBe(200);
      pages.push(...body.deadLetters);
      cursor = body.nextCursor;
    } while (cursor !== null);
    const filtered = await admin.get(`/dead-letters?since=${new Date(0).toISOString()}`);
    await goodMessageDelivered();

    const forged = pages.filter((entry) => entry.key === key);
    expect(forged).toHaveLength(2);
    expect(forged[0].deadLetteredAt).toBeNull();
    expect(forged[1].original?.timestamp).toBeNull();
    expect(forged[1].firstFailureAt).toBeNull();
    expect(filtered.status).toBe(200);
  });
});
