import { waitUntil } from '@app/kafka/testing';
import { MessagingSystem, sendMessage } from './support/messaging-system';

jest.setTimeout(120_000);

const ALWAYS_FAILS = 'force-failure';

interface StatusView {
  status: string;
  history: { status: string; at: string; reason?: string }[];
}

describe('delivery receipts: GET /messages/:id follows a message to its final status', () => {
  const system = new MessagingSystem({ FAULT_INJECTION_MATCH: ALWAYS_FAILS, RETRY_BASE_DELAY_MS: '100' });
  let url: string;

  beforeAll(async () => {
    await system.open();
    ({ url } = await system.start('client-a'));
    await system.start('client-b');
  });

  afterAll(() => system.close());

  async function finalStatusOf(body: object, expected: string): Promise<StatusView> {
    const sent = await sendMessage(url, body);
    expect(sent.status).toBe(201);
    return waitUntil(
      async () => {
        const response = await fetch(`${url}/messages/${sent.body.messageId as string}`);
        const view = (await response.json()) as StatusView;
        return view.status === expected && view;
      },
      { timeoutMs: 60_000, description: `message to reach status ${expected}` },
    );
  }

  it('should show pending, sent, delivered when client-b stores the message', async () => {
    const view = await finalStatusOf({ from: 'clientA', to: 'clientB', message: 'to be stored' }, 'delivered');

    expect(view.history.map(({ status }) => status)).toEqual(['pending', 'sent', 'delivered']);
    const times = view.history.map(({ at }) => Date.parse(at));
    expect(times.every((time) => Number.isFinite(time))).toBe(true);
    expect(times[0]).toBeLessThanOrEqual(times[1]);
  });

  it('should show pending, sent, ignored when the message is for someone else', async () => {
    const view = await finalStatusOf({ from: 'clientA', to: 'clientC', message: 'not for clientB' }, 'ignored');

    expect(view.history.map(({ status }) => status)).toEqual(['pending', 'sent', 'ignored']);
  });

  it('should show pending, sent, dead-lettered with the reason when every retry fails', async () => {
    const view = await finalStatusOf(
      { from: 'clientA', to: 'clientB', message: `please ${ALWAYS_FAILS}` },
      'dead-lettered',
    );

    expect(view.history.map(({ status }) => status)).toEqual(['pending', 'sent', 'dead-lettered']);
    expect(view.history[2].reason).toMatch(/^InjectedFaultError: injected failure/);
  });

  it('should answer 404 in the standard error shape when the id is unknown', async () => {
    const response = await fetch(`${url}/messages/0b7f4c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'No message 0b7f4c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b was sent from here',
      correlationId: expect.any(String),
    });
  });
});
