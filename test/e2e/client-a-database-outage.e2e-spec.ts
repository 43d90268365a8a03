import { waitUntil } from '@app/kafka/testing';
import { DisposableDatabase } from './support/disposable-database';
import { MessagingSystem, sendMessage } from './support/messaging-system';
import { workerPort } from './support/worker-slot';

jest.setTimeout(180_000);

const BODY = { from: 'clientA', to: 'clientB', message: 'while the database comes and goes' };

describe('client-a while its database is down', () => {
  const database = new DisposableDatabase(workerPort(27300));
  const system = new MessagingSystem({ MONGODB_TIMEOUT_MS: '1000' }, { mongodbUri: database.uri });
  let url: string;

  beforeAll(async () => {
    await database.start();
    await system.open();
    ({ url } = await system.start('client-a'));
  });

  afterAll(async () => {
    await system.close();
    await database.destroy();
  });

  it('should answer 503 with the reason and accept nothing when the database is stopped', async () => {
    expect((await sendMessage(url, BODY)).status).toBe(201);

    await database.stop();
    const refused = await sendMessage(url, BODY);

    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The message database is unavailable; the message was not accepted',
      correlationId: expect.any(String),
    });
    // A readiness result is shared for a second: one taken just before the stop may still answer that long.
    await waitUntil(async () => (await fetch(`${url}/health`)).status === 503, {
      timeoutMs: 5_000,
      description: "client-a's health to tell of the outage",
    });
  });

  it('should accept messages again without a restart when the database returns', async () => {
    await database.start();

    const accepted = await waitUntil(
      async () => {
        const response = await sendMessage(url, BODY);
        return response.status === 201 && response;
      },
      { timeoutMs: 60_000, intervalMs: 500, description: 'client-a to accept a message again' },
    );

    expect(accepted.body).toEqual({ messageId: expect.any(String), status: 'sent' });
    // The one before the outage and the one after it: every 503 stored nothing.
    expect(await system.store.count({ mailbox: 'outbox' })).toBe(2);
    // A readiness result is shared for a second, so the check may still tell of the outage that long.
    await waitUntil(async () => (await fetch(`${url}/health`)).status === 200, {
      timeoutMs: 5_000,
      description: "client-a's health to be 200 again",
    });
  });
});
