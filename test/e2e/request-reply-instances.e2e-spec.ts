import { waitUntil } from '@app/kafka/testing';
import { MessagingSystem } from './support/messaging-system';

jest.setTimeout(120_000);

/**
 * Two client-a instances share the receipts group, so each receipt is recorded
 * by one of them: a request waiting on the other must still hear it.
 */
describe('request/reply across two client-a instances', () => {
  const system = new MessagingSystem();
  const urls: string[] = [];

  beforeAll(async () => {
    await system.open();
    for (let i = 0; i < 2; i += 1) urls.push((await system.start('client-a')).url);
    await system.start('client-b');
  });

  afterAll(() => system.close());

  async function sendAndWait(url: string, message: string) {
    const response = await fetch(`${url}/send-message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'wait=20' },
      body: JSON.stringify({ from: 'clientA', to: 'clientB', message }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('should answer 200 delivered on both instances, whichever of them recorded the receipt', async () => {
    // The status topic has one partition here: one instance records every receipt, the other only hears them.
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sendAndWait(urls[i % 2], `waiting on instance ${(i % 2) + 1}, #${i}`)),
    );

    expect(answers).toEqual(
      Array.from({ length: 20 }, () => ({ status: 200, body: { messageId: expect.any(String), status: 'delivered' } })),
    );
    // The reply does not wait for the receipt's record; the record follows, written by one
    // instance, and either instance tells the same status.
    const ids = answers.map(({ body }) => body.messageId as string);
    const statusOn = async (url: string, id: string) =>
      ((await (await fetch(`${url}/messages/${id}`)).json()) as { status: string }).status;
    const statuses = async () => Promise.all(urls.flatMap((url) => ids.map((id) => statusOn(url, id))));
    await waitUntil(async () => (await statuses()).every((status) => status === 'delivered'), {
      timeoutMs: 30_000,
      description: 'both instances to tell every message delivered',
    });
    expect(await statuses()).toEqual(Array.from({ length: 40 }, () => 'delivered'));
  });
});
