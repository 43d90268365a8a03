import { waitUntil } from '@app/kafka/testing';
import { DisposableBroker } from './support/disposable-broker';
import { DisposableDatabase } from './support/disposable-database';
import { MessagingSystem } from './support/messaging-system';
import { workerPort } from './support/worker-slot';

jest.setTimeout(240_000);

interface HealthAnswer {
  status: number;
  body: { status: string; error: Record<string, { status: string; message?: string }> };
}

// A probe must answer; a hung one fails here instead of hanging the test.
async function probe(url: string): Promise<HealthAnswer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: (await response.json()) as HealthAnswer['body'] };
}

// A readiness result answers every probe for a second (READINESS_RESULT_TTL_MS): the next one may still be the last.
async function downWithin(url: string, timeoutMs: number): Promise<HealthAnswer> {
  let ready = await probe(`${url}/health/ready`);
  await waitUntil(async () => (ready = await probe(`${url}/health/ready`)).status === 503, {
    timeoutMs,
    description: `${url} not ready`,
  });
  return ready;
}

async function readyOnBoth(urls: string[]): Promise<number[]> {
  return Promise.all(urls.map(async (url) => (await probe(`${url}/health/ready`)).status));
}

describe('health: live and ready', () => {
  describe('while the database is frozen', () => {
    const database = new DisposableDatabase(workerPort(28200));
    const system = new MessagingSystem({}, { mongodbUri: database.uri });
    const urls: string[] = [];

    beforeAll(async () => {
      await database.start();
      await system.open();
      urls.push((await system.start('client-a')).url, (await system.start('client-b')).url);
    });

    afterAll(async () => {
      await system.close();
      await database.destroy();
    });

    it('should answer ready 503 naming mongodb within 5 s, stay live, and be ready again once it answers', async () => {
      expect(await readyOnBoth(urls)).toEqual([200, 200]);

      database.freeze();
      try {
        for (const url of urls) {
          const ready = await downWithin(url, 5000);
          expect(ready.status).toBe(503);
          expect(ready.body.error.mongodb.status).toBe('down');
          expect((await probe(`${url}/health/live`)).status).toBe(200);
          expect((await probe(`${url}/health`)).status).toBe(503); // the old address is readiness
        }
      } finally {
        database.thaw();
      }

      await waitUntil(async () => (await readyOnBoth(urls)).every((status) => status === 200), {
        timeoutMs: 60_000,
        description: 'both services ready again',
      });
    });
  });

  describe('while Kafka is stopped', () => {
    const broker = new DisposableBroker(workerPort(29300, 2));
    // A short session: after the broker is back the consumer rejoins without waiting out its old session.
    const system = new MessagingSystem(
      { KAFKA_REQUEST_TIMEOUT_MS: '3000', KAFKA_SESSION_TIMEOUT_MS: '6000' },
      { kafkaBrokers: broker.brokers },
    );
    const urls: string[] = [];

    beforeAll(async () => {
      await broker.start();
      await system.open();
      urls.push((await system.start('client-a')).url, (await system.start('client-b')).url);
    });

    afterAll(async () => {
      await system.close();
      await broker.destroy();
    });

    it('should answer ready 503 naming kafka, stay live, and be ready again once the broker is back', async () => {
      expect(await readyOnBoth(urls)).toEqual([200, 200]);

      await broker.stop();
      for (const url of urls) {
        const ready = await downWithin(url, 10_000);
        expect(ready.status).toBe(503);
        expect(ready.body.error.kafka.status).toBe('down');
        expect((await probe(`${url}/health/live`)).status).toBe(200);
      }

      await broker.start();
      await waitUntil(async () => (await readyOnBoth(urls)).every((status) => status === 200), {
        timeoutMs: 120_000,
        description: 'both services ready again',
      });
    });
  });
});
