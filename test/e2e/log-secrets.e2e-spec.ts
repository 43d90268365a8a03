import { CORRELATION_ID_HEADER, MESSAGE_ID_HEADER, RETRY_HEADER } from '@app/contracts';
import { randomBytes } from 'node:crypto';
import { credentialedMongoUri } from './support/credentialed-database';
import { MessagingSystem, sendMessage } from './support/messaging-system';
import { AppName, LogEntry, ServiceProcess } from './support/service.process';
import { saslSslListener, testEnvironment } from './support/test-environment';
import { workerPort } from './support/worker-slot';

jest.setTimeout(120_000);

const suffix = randomBytes(6).toString('hex');
/** Three secrets a service holds; none may appear in any line it writes. */
const SECRETS = {
  KAFKA_SASL_PASSWORD: `sasl-pw-${suffix}`,
  mongodbPassword: `mongo-pw-${suffix}`,
  // At least 32 characters, as client-b requires of an admin token.
  ADMIN_TOKEN: `admin-token-${randomBytes(16).toString('hex')}`,
};
const DB_USER = 'e2e-user';
const ALWAYS_FAILS = 'force-failure';
const APPS: AppName[] = ['client-a', 'client-b'];

function expectNoSecret(service: ServiceProcess): void {
  const leaked = Object.entries(SECRETS).filter(([, secret]) => service.logs.includes(secret));
  expect({ app: service.app, leaked }).toEqual({ app: service.app, leaked: [] });
}

/** Every line is one JSON object, and none names the correlation id twice (a request's and a message's). */
function expectJsonLines(service: ServiceProcess): void {
  const lines = service.lines().filter((line) => line.trim() !== '');
  expect(lines.length).toBeGreaterThan(0);
  expect(service.entries()).toHaveLength(lines.length);
  expect(lines.filter((line) => (line.match(/"correlationId":/g) ?? []).length > 1)).toEqual([]);
}

const about = (service: ServiceProcess, messageId: string) =>
  service.entries().filter((entry) => entry.msg?.includes(messageId));

function expectRecordFields(entry: LogEntry, topics: string[]): void {
  expect(topics).toContain(entry.topic);
  expect(entry.partition).toEqual(expect.any(Number));
  expect(entry.offset).toMatch(/^\d+$/);
}

describe('secrets stay out of the logs, which are JSON lines that follow each message', () => {
  let system: MessagingSystem;
  let credentialedUri: string;
  const services = {} as Record<AppName, { service: ServiceProcess; url: string }>;
  const failing = { correlationId: `corr-fail-${suffix}`, messageId: '' };
  const stored = { correlationId: `corr-ok-${suffix}`, messageId: '' };

  beforeAll(async () => {
    credentialedUri = await credentialedMongoUri(testEnvironment().mongodbUri, DB_USER, SECRETS.mongodbPassword);
    system = new MessagingSystem(
      {
        // Held without a mechanism: the local broker has no SASL (the first test starts with one).
        KAFKA_SASL_PASSWORD: SECRETS.KAFKA_SASL_PASSWORD,
        ADMIN_TOKEN: SECRETS.ADMIN_TOKEN,
        LOG_LEVEL: 'debug',
        FAULT_INJECTION_MATCH: ALWAYS_FAILS,
        RETRY_BASE_DELAY_MS: '50',
      },
      { mongodbUri: credentialedUri },
    );
    await system.open();
  });

  afterAll(() => system.close());

  it.each(APPS)(
    'should stop %s without logging the secrets when the broker refuses its SASL credentials',
    async (app) => {
      // The broker's SASL_SSL listener refuses the password: a refused credential stops the start
      // at once (an unreachable broker is waited for), where a mishandled password would be logged.
      const listener = saslSslListener();
      const service = new ServiceProcess(
        app,
        system.env(app, workerPort(39_000), {
          KAFKA_BROKERS: listener.brokers,
          KAFKA_SSL: 'true',
          KAFKA_SSL_CA_FILE: listener.caFile,
          KAFKA_SASL_MECHANISM: 'plain',
          KAFKA_SASL_USERNAME: listener.username,
        }),
      );

      expect(await service.exited).not.toBe(0);

      expectNoSecret(service);
      expectJsonLines(service);
      expect(service.countLines(`${app} failed to start`)).toBe(1);
    },
  );

  it('should carry the correlation id from the request through retries, the dead letter and the receipts', async () => {
    for (const app of APPS) services[app] = await system.start(app);
    const clientAUrl = services['client-a'].url;
    // Credentials a caller sends must not be logged either.
    const credentials = { authorization: `Bearer ${SECRETS.ADMIN_TOKEN}`, cookie: `session=${SECRETS.ADMIN_TOKEN}` };
    const send = (text: string, correlationId: string) =>
      sendMessage(
        clientAUrl,
        { from: 'clientA', to: 'clientB', message: text },
        {
          'content-type': 'application/json',
          'x-correlation-id': correlationId,
          ...credentials,
        },
      );
    failing.messageId = (await send(`please ${ALWAYS_FAILS}`, failing.correlationId)).body.messageId as string;
    stored.messageId = (await send('stored at once', stored.correlationId)).body.messageId as string;
    expect(
      await fetch(`${services['client-b'].url}/messages`, { headers: credentials }).then((response) => response.status),
    ).toBe(200);

    const [clientA, clientB] = [services['client-a'].service, services['client-b'].service];
    await clientB.waitForLog(`Moved to DLQ message ${failing.messageId}`, 60_000);
    await clientA.waitForLog(`Receipt recorded ${failing.messageId}: dead-lettered`);
    await clientA.waitForLog(`Receipt recorded ${stored.messageId}: delivered`);

    const deadLetters = await system.kafka.readRecords(system.topics.deadLetter, 1);
    const retries = await system.kafka.readRecords(system.topics.retry, 3);
    for (const record of [...deadLetters, ...retries]) {
      expect(record.headers).toMatchObject({
        [MESSAGE_ID_HEADER]: failing.messageId,
        [CORRELATION_ID_HEADER]: failing.correlationId,
      });
    }
    expect(retries.map((record) => record.headers[RETRY_HEADER])).toEqual(['1', '2', '3']);
  });

  it('should log no secret in any line of either service after a flow with retries and a dead letter', () => {
    APPS.forEach((app) => expectNoSecret(services[app].service));
  });

  it("should write only JSON lines, with callers' credentials redacted and the database URI masked", () => {
    for (const app of APPS) {
      const { service } = services[app];
      expectJsonLines(service);
      const requests = service.entries().filter((entry) => entry.msg === 'request completed');
      const headers = requests.map((entry) => (entry.req as { headers: Record<string, string> }).headers);
      expect(headers.filter((header) => header.authorization !== undefined).length).toBeGreaterThan(0);
      headers.forEach((header) =>
        expect([header.authorization, header.cookie]).toEqual([
          header.authorization && '[Redacted]',
          header.cookie && '[Redacted]',
        ]),
      );
      expect(service.countLines(`Connected to MongoDB at mongodb://${DB_USER}:***@`)).toBeGreaterThan(0);
    }
  });

  it("should put the messageId and the request's correlation id on every line of client-a about a message", () => {
    const clientA = services['client-a'].service;
    for (const { messageId, correlationId } of [failing, stored]) {
      const lines = about(clientA, messageId);
      expect(lines.map((entry) => entry.msg?.replace(/ [0-9a-f-]{36}.*$/, '')).sort()).toEqual([
        'Message published to Kafka',
        'Message saved to MongoDB',
        'Receipt recorded',
      ]);
      lines.forEach((entry) => expect(entry).toMatchObject({ messageId, correlationId }));
    }
    const request = clientA
      .entries()
      .find((entry) => entry.msg === 'request completed' && entry.correlationId === failing.correlationId);
    expect(request?.req).toMatchObject({ method: 'POST', url: '/send-message' });
  });

  it('should put the messageId, the correlation id, the topic, the partition and the offset on every consumer line of client-b', () => {
    const clientB = services['client-b'].service;
    const { messages, retry } = system.topics;
    const failingLines = about(clientB, failing.messageId);
    expect(failingLines.map((entry) => entry.msg?.replace(/ (for )?message .*$/, ''))).toEqual([
      'Retry scheduled #1',
      'Retry scheduled #2',
      'Retry scheduled #3',
      'Moved to DLQ',
    ]);
    failingLines.forEach((entry) => {
      expect(entry).toMatchObject({ messageId: failing.messageId, correlationId: failing.correlationId });
      expectRecordFields(entry, [messages, retry]);
    });
    expect(failingLines[0].topic).toBe(messages);
    expect(failingLines.slice(1).map((entry) => entry.topic)).toEqual([retry, retry, retry]);

    const [saved] = about(clientB, stored.messageId);
    expect(saved.msg).toContain(`Message saved ${stored.messageId}`);
    expect(saved).toMatchObject({ messageId: stored.messageId, correlationId: stored.correlationId, topic: messages });
    expectRecordFields(saved, [messages]);
  });
});
