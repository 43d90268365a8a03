import { MessagingSystem } from './support/messaging-system';

jest.setTimeout(120_000);

const ALWAYS_FAILS = 'force-failure';

describe('request/reply: POST /send-message with Prefer: wait', () => {
  const system = new MessagingSystem({ FAULT_INJECTION_MATCH: ALWAYS_FAILS, RETRY_BASE_DELAY_MS: '50' });
  let url: string;

  beforeAll(async () => {
    await system.open();
    ({ url } = await system.start('client-a'));
  });

  afterAll(() => system.close());

  async function send(message: string, to: string, prefer: string) {
    const response = await fetch(`${url}/send-message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer },
      body: JSON.stringify({ from: 'clientA', to, message }),
    });
    return {
      status: response.status,
      applied: response.headers.get('preference-applied'),
      body: (await response.json()) as Record<string, unknown>,
    };
  }

  it('should answer 201 when the wait ends before any receipt (client-b not running)', async () => {
    const answer = await send('nobody reads this yet', 'clientB', 'wait=1');

    expect(answer).toEqual({ status: 201, applied: 'wait=1', body: { messageId: expect.any(String), status: 'sent' } });
  });

  describe('with client-b running', () => {
    beforeAll(() => system.start('client-b'));

    it.each([
      { label: 'stored', to: 'clientB', message: 'reply please', status: 'delivered' },
      { label: 'for someone else', to: 'clientC', message: 'not for clientB', status: 'ignored' },
      { label: 'failing every retry', to: 'clientB', message: `please ${ALWAYS_FAILS}`, status: 'dead-lettered' },
    ])('should answer 200 $status when the message is $label', async ({ to, message, status }) => {
      const answer = await send(message, to, 'wait=20');

      expect(answer).toEqual({ status: 200, applied: 'wait=20', body: { messageId: expect.any(String), status } });
    });

    it('should cap the wait at 30 seconds and say so', async () => {
      const answer = await send('capped', 'clientB', 'respond-async, wait=600');

      expect(answer.status).toBe(200);
      expect(answer.applied).toBe('wait=30');
    });
  });
});
