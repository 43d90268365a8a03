import { waitUntil } from '@app/kafka/testing';
import { readYaml } from './support/deployment-files';
import { DisposableBroker } from './support/disposable-broker';
import { DisposableDatabase } from './support/disposable-database';
import { MessagingSystem } from './support/messaging-system';
import { ServiceProcess } from './support/service.process';
import { workerPort } from './support/worker-slot';

jest.setTimeout(300_000);

// The path Render checks, read from render.yaml: the test follows the blueprint, whatever it says.
const { services } = readYaml<{ services: { name: string; healthCheckPath: string }[] }>('render.yaml');
const renderCheckPath = (app: string) => services.find(({ name }) => name === app)!.healthCheckPath;

// Quick start-up retries, a short session and request bound: the test waits seconds, not minutes.
const QUICK = {
  STARTUP_RETRY_MAX_DELAY_MS: '2000',
  KAFKA_REQUEST_TIMEOUT_MS: '3000',
  KAFKA_SESSION_TIMEOUT_MS: '6000',
  PUBLISH_TIMEOUT_MS: '1000',
  RATE_LIMIT_PER_MINUTE: '0',
};
// 16 KiB, the least allowed: about six messages of 1,000 characters.
const SMALL_BUDGET = { PUBLISH_QUEUE_MAX_BYTES: '16384' };

async function statusOf(url: string): Promise<number> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  await response.arrayBuffer();
  return response.status;
}

async function send(
  url: string,
  message: string,
): Promise<{ status: number; retryAfter: string | null; messageId?: string }> {
  const response = await fetch(`${url}/send-message`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: 'clientA', to: 'clientB', message }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await response.json()) as { messageId?: string };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), messageId: body.messageId };
}

/** Waits until `service` has tried `times` times and is still running (it waits, it does not exit). */
async function waitForAttempts(service: ServiceProcess, dependency: string, times: number): Promise<void> {
  await service.waitForLog(new RegExp(`^waiting for ${dependency}.*; next attempt in [\\d.]+ s`), 90_000, times);
}

async function waitUntilStored(system: MessagingSystem, messageIds: string[]): Promise<void> {
  await waitUntil(async () => (await system.store.count({ mailbox: 'inbox' })) >= messageIds.length, {
    timeoutMs: 120_000,
    intervalMs: 500,
    description: `${messageIds.length} message(s) stored by client-b`,
  });
}

describe('on Render, while the broker is down', () => {
  const broker = new DisposableBroker(workerPort(29740, 2));
  const system = new MessagingSystem({ ...QUICK, ...SMALL_BUDGET }, { kafkaBrokers: broker.brokers });
  // The services the first test starts; the second stops the broker under them.
  const running: { service: ServiceProcess; url: string }[] = [];

  beforeAll(async () => {
    await broker.start();
    await system.open();
    await broker.stop();
  });

  afterAll(async () => {
    await system.close();
    await broker.destroy();
  });

  it('should have a service started meanwhile wait, never exit, and come up once the broker is back, then deliver', async () => {
    const clientA = system.launch('client-a');
    const clientB = system.launch('client-b');

    await waitForAttempts(clientA.service, 'Kafka at ', 3);
    await waitForAttempts(clientB.service, 'Kafka at ', 3);
    expect([clientA.service.crash(), clientB.service.crash()]).toEqual([undefined, undefined]);

    await broker.start();
    await clientA.service.waitUntilListening(120_000);
    await clientB.service.waitUntilListening(120_000);
    const sent = await send(clientA.url, 'after the broker came back');
    expect([201, 202]).toContain(sent.status);
    await waitUntilStored(system, [sent.messageId!]);
    expect((await system.store.find({ mailbox: 'inbox' })).map(({ messageId }) => messageId)).toEqual([sent.messageId]);
    running.push(clientA, clientB);
  });

  it("should keep Render's check healthy on both, answer 202 into the outbox until the byte budget is full, then 503 with Retry-After, and deliver every 202 once back", async () => {
    const [clientA, clientB] =
      running.length === 2 ? running : [await system.start('client-a'), await system.start('client-b')];
    const before = await system.store.count({ mailbox: 'inbox' });
    await broker.stop();

    const accepted: string[] = [];
    let refused: Awaited<ReturnType<typeof send>> | undefined;
    for (let index = 0; index < 40 && !refused; index++) {
      const answer = await send(clientA.url, `${index} `.padEnd(1000, 'x'));
      if (answer.status === 503) refused = answer;
      else {
        expect(answer.status).toBe(202);
        accepted.push(answer.messageId!);
      }
      // Render checks every few seconds: each check during the outage passes.
      expect(await statusOf(`${clientA.url}${renderCheckPath('client-a')}`)).toBe(200);
      expect(await statusOf(`${clientB.url}${renderCheckPath('client-b')}`)).toBe(200);
    }
    // Readiness, for people and monitors, says what is down.
    expect(await statusOf(`${clientA.url}/health/ready`)).toBe(503);

    expect(accepted.length).toBeGreaterThan(0);
    expect(refused).toMatchObject({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
    // Accepted means stored: each is in client-a's outbox, waiting for Kafka.
    expect(await system.store.valuesIn('outbox', '_id')).toEqual(expect.arrayContaining(accepted));

    await broker.start();
    await waitUntil(async () => (await system.store.count({ mailbox: 'inbox' })) >= before + accepted.length, {
      timeoutMs: 120_000,
      intervalMs: 500,
      description: `the ${accepted.length} accepted message(s) stored by client-b`,
    });
    const inbox = new Set((await system.store.find({ mailbox: 'inbox' })).map(({ messageId }) => messageId));
    expect(accepted.filter((messageId) => !inbox.has(messageId))).toEqual([]);
    expect(await system.store.count({ mailbox: 'inbox' })).toBe(before + accepted.length);
    expect([clientA.service.crash(), clientB.service.crash()]).toEqual([undefined, undefined]);
  });
});

describe('on Render, a start while the database is down', () => {
  const database = new DisposableDatabase(workerPort(28650));
  const system = new MessagingSystem({ ...QUICK, MONGODB_TIMEOUT_MS: '1000' }, { mongodbUri: database.uri });

  beforeAll(async () => {
    await database.start();
    await system.open();
    await database.stop();
  });

  afterAll(async () => {
    await database.start().catch(() => undefined);
    await system.close();
    await database.destroy();
  });

  it('should wait, never exit, and come up once the database is back, then deliver', async () => {
    const clientA = system.launch('client-a');
    const clientB = system.launch('client-b');

    await waitForAttempts(clientA.service, 'MongoDB at ', 3);
    await waitForAttempts(clientB.service, 'MongoDB at ', 3);
    expect([clientA.service.crash(), clientB.service.crash()]).toEqual([undefined, undefined]);

    await database.start();
    await clientA.service.waitUntilListening(120_000);
    await clientB.service.waitUntilListening(120_000);
    const sent = await send(clientA.url, 'after the database came back');
    expect([201, 202]).toContain(sent.status);
    await waitUntilStored(system, [sent.messageId!]);
    expect((await system.store.find({ mailbox: 'inbox' })).map(({ messageId }) => messageId)).toEqual([sent.messageId]);
  });
});
