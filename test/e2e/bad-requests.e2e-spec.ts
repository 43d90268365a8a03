import { MessagingSystem, sendMessage } from './support/messaging-system';

jest.setTimeout(120_000);

const JSON_HEADERS = { 'content-type': 'application/json' };

describe('client-a refuses bad requests with a clear 4xx', () => {
  const system = new MessagingSystem();
  let url: string;

  beforeAll(async () => {
    await system.open();
    ({ url } = await system.start('client-a'));
  });

  afterAll(() => system.close());

  it.each([
    ['to is missing', { from: 'clientA', message: 'hi' }, 'to'],
    ['from is missing', { to: 'clientB', message: 'hi' }, 'from'],
    ['message is missing', { from: 'clientA', to: 'clientB' }, 'message'],
    ['message is empty', { from: 'clientA', to: 'clientB', message: '' }, 'message'],
    ['message is a number', { from: 'clientA', to: 'clientB', message: 42 }, 'message'],
    ['to is an operator object', { from: 'clientA', to: { $ne: null }, message: 'hi' }, 'to'],
    ['from has spaces', { from: 'client A', to: 'clientB', message: 'hi' }, 'from'],
    ['an unknown field is sent', { from: 'clientA', to: 'clientB', message: 'hi', extra: 1 }, 'extra'],
  ])('should answer 400 naming the field when %s', async (_case, body, field) => {
    const response = await sendMessage(url, body);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect((response.body.fields as { field: string }[]).map((entry) => entry.field)).toContain(field);
    expect(response.body.correlationId).toEqual(expect.any(String));
  });

  it('should answer 400 when the body is not JSON', async () => {
    const response = await sendMessage(url, '{"from": "clientA",', JSON_HEADERS);

    expect(response.status).toBe(400);
    expect(String(response.body.message)).toMatch(/JSON/i);
  });

  it('should answer 415 when the content type is not JSON', async () => {
    const response = await sendMessage(url, 'from=clientA', { 'content-type': 'text/plain' });

    expect(response.status).toBe(415);
  });

  it('should answer 413 when the body is over the size limit', async () => {
    const response = await sendMessage(url, { from: 'clientA', to: 'clientB', message: 'x'.repeat(200_000) });

    expect(response.status).toBe(413);
  });

  it('should store nothing when requests are refused', async () => {
    expect(await system.store.count()).toBe(0);
  });
});
