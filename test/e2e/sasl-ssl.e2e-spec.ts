import { MESSAGE_ID_HEADER, RETRY_HEADER } from '@app/contracts';
import { uniqueNamespace, waitUntil } from '@app/kafka/testing';
import { randomBytes } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { readWithKcat } from './support/kcat';
import { MessageStore } from './support/message-store';
import { MessagingSystem, sendMessage } from './support/messaging-system';
import { AppName, ServiceProcess } from './support/service.process';
import { saslSslListener, testEnvironment } from './support/test-environment';
import { workerPort } from './support/worker-slot';

jest.setTimeout(180_000);

const ALWAYS_FAILS = 'force-failure';
const listener = saslSslListener();
// What a service on Render sets for Confluent Cloud; only the CA variable is added locally.
const CONFLUENT_ENV = {
  KAFKA_SSL: 'true',
  KAFKA_SASL_MECHANISM: 'plain',
  KAFKA_SASL_USERNAME: listener.username,
  KAFKA_SASL_PASSWORD: listener.password,
};

describe('both services over SASL_SSL with PLAIN, as on Confluent Cloud', () => {
  const system = new MessagingSystem(
    { ...CONFLUENT_ENV, FAULT_INJECTION_MATCH: ALWAYS_FAILS, RETRY_BASE_DELAY_MS: '100' },
    {
      kafkaBrokers: listener.brokers,
      kafkaSecurity: { caCertificates: [listener.caPem], username: listener.username, password: listener.password },
    },
  );
  let clientAUrl: string;
  let clientA: ServiceProcess;
  let clientB: ServiceProcess;
  let failingId: string;

  beforeAll(async () => {
    await system.open();
    // The CA both ways: a file for client-a, PEM text on one line with \n escapes (as pasted into Render) for client-b.
    ({ service: clientA, url: clientAUrl } = await system.start('client-a', { KAFKA_SSL_CA_FILE: listener.caFile }));
    ({ service: clientB } = await system.start('client-b', {
      KAFKA_SSL_CA_PEM: listener.caPem.trim().replaceAll('\n', '\\n'),
    }));
  });

  afterAll(() => system.close());

  it('should store a message for clientB when it is sent through client-a', async () => {
    const sent = await sendMessage(clientAUrl, { from: 'clientA', to: 'clientB', message: 'over SASL_SSL' });

    expect(sent.status).toBe(201);
    const messageId = sent.body.messageId as string;
    await waitUntil(async () => (await system.store.count({ messageId, mailbox: 'inbox' })) === 1, {
      description: 'the inbox copy',
    });
  });

  it('should retry a failing message three times, then dead-letter it', async () => {
    const failing = await sendMessage(clientAUrl, {
      from: 'clientA',
      to: 'clientB',
      message: `please ${ALWAYS_FAILS}`,
    });
    failingId = failing.body.messageId as string;

    await clientB.waitForLog(`Moved to DLQ message ${failingId}`, 60_000);
    const retries = (await system.kafka.readRecords(system.topics.retry, 3)).filter(
      (record) => record.headers[MESSAGE_ID_HEADER] === failingId,
    );
    expect(retries.map((record) => record.headers[RETRY_HEADER])).toEqual(['1', '2', '3']);
    expect(await system.store.count({ messageId: failingId, mailbox: 'inbox' })).toBe(0);
  });

  it("should read the dead letter with the runbook's kcat command over SASL_SSL", async () => {
    const deadLetters = await waitUntil(() => {
      const records = readWithKcat(listener.brokers, system.topics.deadLetter, {
        username: listener.username,
        password: listener.password,
        caFile: listener.caFile,
      });
      return records.length > 0 && records;
    });

    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0].headers).toMatchObject({ [MESSAGE_ID_HEADER]: failingId, [RETRY_HEADER]: '3' });
    expect(JSON.parse(deadLetters[0].value)).toMatchObject({ messageId: failingId });
  });

  it('should print the password in no line of either service', () => {
    for (const service of [clientA, clientB]) {
      expect(service.logs).not.toContain(listener.password);
    }
  });
});

describe('a start over SASL_SSL that cannot succeed', () => {
  const wrongPassword = `wrong-${randomBytes(8).toString('hex')}`;

  it.each([
    [
      'client-b',
      'a wrong password',
      { KAFKA_SASL_PASSWORD: wrongPassword, KAFKA_SSL_CA_FILE: listener.caFile },
      'Kafka authentication failed',
      'KAFKA_SASL_PASSWORD',
    ],
    [
      'client-a',
      "no CA (Node's own list does not hold the local one)",
      {},
      'Kafka broker certificate not trusted',
      'KAFKA_SSL_CA_FILE',
    ],
    [
      'client-b',
      'a CA that did not sign the broker',
      { KAFKA_SSL_CA_PEM: rootCertificates[0] },
      'Kafka broker certificate not trusted',
      'KAFKA_SSL_CA_PEM',
    ],
  ] as const)(
    'should stop %s with one line naming the cause when it has %s',
    async (app: AppName, _what, overrides, cause, variable) => {
      const { mongodbUri } = testEnvironment();
      const dbName = `e2e_${randomBytes(4).toString('hex')}`;
      const service = new ServiceProcess(app, {
        PORT: String(workerPort(3090)),
        MONGODB_URI: mongodbUri,
        MONGODB_DB_NAME: dbName,
        KAFKA_BROKERS: listener.brokers,
        KAFKA_TOPIC_NAMESPACE: uniqueNamespace(),
        ...CONFLUENT_ENV,
        ...overrides,
      });

      const exitCode = await service.exited;
      // Its indexes were made before Kafka was reached.
      const store = await MessageStore.open(mongodbUri, dbName);
      await store.dropDatabase();
      await store.close();

      expect(exitCode).not.toBe(0);
      const causeLines = service.logs.split('\n').filter((line) => line.includes(cause));
      expect(causeLines).toHaveLength(1);
      expect(causeLines[0]).toContain('failed to start');
      expect(causeLines[0]).toContain(variable);
      expect(service.logs).not.toContain(listener.password);
      expect(service.logs).not.toContain(wrongPassword);
    },
  );
});
