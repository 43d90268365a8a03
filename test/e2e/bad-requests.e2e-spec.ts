import { connect } from 'node:net';
import { MessagingSystem, sendMessage } from './support/messaging-system';

jest.setTimeout(120_000);

const JSON_TYPE = 'application/json';
const VALID = { from: 'clientA', to: 'clientB', message: 'hi' };

interface BadRequest {
  label: string;
  /** An object is sent as JSON; a string or Buffer as it is. */
  body?: unknown;
  headers?: Record<string, string>;
  method?: string;
  path?: string;
  status: number;
  message: string | RegExp;
  /** A field the error must name in `fields`. */
  field?: string;
}

const with_ = (fields: Record<string, unknown>) => ({ ...VALID, ...fields });
const without = (field: keyof typeof VALID) =>
  Object.fromEntries(Object.entries(VALID).filter(([key]) => key !== field));

const BAD_REQUESTS: BadRequest[] = [
  // Missing or empty fields
  { label: 'to is missing', body: without('to'), status: 400, message: 'Invalid request body: to', field: 'to' },
  {
    label: 'from is missing',
    body: without('from'),
    status: 400,
    message: 'Invalid request body: from',
    field: 'from',
  },
  { label: 'message is missing', body: without('message'), status: 400, message: /message/, field: 'message' },
  {
    label: 'the object is empty',
    body: {},
    status: 400,
    message: 'Invalid request body: from, to, message',
    field: 'to',
  },
  { label: 'message is empty', body: with_({ message: '' }), status: 400, message: /message/, field: 'message' },
  { label: 'from is empty', body: with_({ from: '' }), status: 400, message: /from/, field: 'from' },
  { label: 'to is null', body: with_({ to: null }), status: 400, message: /to/, field: 'to' },
  // Wrong types
  { label: 'message is a number', body: with_({ message: 42 }), status: 400, message: /message/, field: 'message' },
  { label: 'message is a boolean', body: with_({ message: true }), status: 400, message: /message/, field: 'message' },
  {
    label: 'message is a huge number',
    body: `{"from":"a","to":"b","message":1e999}`,
    status: 400,
    message: /message/,
    field: 'message',
  },
  { label: 'message is an array', body: with_({ message: ['hi'] }), status: 400, message: /message/, field: 'message' },
  { label: 'from is a number', body: with_({ from: 7 }), status: 400, message: /from/, field: 'from' },
  // Operators where strings belong, and operator keys
  { label: 'to is a $ne operator', body: with_({ to: { $ne: null } }), status: 400, message: /to/, field: 'to' },
  { label: 'from is a $gt operator', body: with_({ from: { $gt: '' } }), status: 400, message: /from/, field: 'from' },
  {
    label: 'message is a $where operator',
    body: with_({ message: { $where: '1' } }),
    status: 400,
    message: /message/,
    field: 'message',
  },
  { label: 'to is an $in array', body: with_({ to: { $in: ['clientB'] } }), status: 400, message: /to/, field: 'to' },
  {
    label: 'a top-level $set key is sent',
    body: with_({ $set: { status: 'sent' } }),
    status: 400,
    message: /\$set/,
    field: '$set',
  },
  { label: 'to is a string "$gt"', body: with_({ to: '$gt' }), status: 400, message: /to/, field: 'to' },
  {
    label: 'a duplicate key smuggles an operator',
    body: '{"from":"a","to":"b","message":"hi","message":{"$ne":1}}',
    status: 400,
    message: /message/,
    field: 'message',
  },
  // Addresses
  { label: 'from has spaces', body: with_({ from: 'client A' }), status: 400, message: /from/, field: 'from' },
  { label: 'to starts with a dot', body: with_({ to: '.clientB' }), status: 400, message: /to/, field: 'to' },
  { label: 'to is 65 characters', body: with_({ to: 'b'.repeat(65) }), status: 400, message: /to/, field: 'to' },
  { label: 'from holds a slash', body: with_({ from: 'a/b' }), status: 400, message: /from/, field: 'from' },
  { label: 'to holds a non-ASCII letter', body: with_({ to: 'clïentB' }), status: 400, message: /to/, field: 'to' },
  // Unknown fields
  { label: 'an unknown field is sent', body: with_({ extra: 1 }), status: 400, message: /extra/, field: 'extra' },
  {
    label: 'messageId is sent',
    body: with_({ messageId: 'mine' }),
    status: 400,
    message: /messageId/,
    field: 'messageId',
  },
  { label: 'status is sent', body: with_({ status: 'sent' }), status: 400, message: /status/, field: 'status' },
  // Length
  {
    label: 'message is one character too long',
    body: with_({ message: 'x'.repeat(8193) }),
    status: 400,
    message: /messag/,
    field: 'message',
  },
  {
    label: 'message is 8193 emoji',
    body: with_({ message: '😀'.repeat(8193) }),
    status: 400,
    message: /messag/,
    field: 'message',
  },
  {
    label: 'the body is over the size limit',
    body: with_({ message: 'x'.repeat(200_000) }),
    status: 413,
    message: /too large/i,
  },
  // Not a JSON object
  { label: 'the body is not JSON', body: '{"from": "clientA",', status: 400, message: /not valid JSON/ },
  { label: 'the body is empty', body: '', status: 400, message: /cannot be empty/ },
  { label: 'the body is JSON null', body: 'null', status: 400, message: 'Body must be a JSON object' },
  {
    label: 'the body is a JSON array',
    body: '[{"from":"a","to":"b","message":"hi"}]',
    status: 400,
    message: 'Body must be a JSON object',
  },
  { label: 'the body is a JSON string', body: '"hi"', status: 400, message: 'Body must be a JSON object' },
  { label: 'the body is a JSON number', body: '42', status: 400, message: 'Body must be a JSON object' },
  {
    label: 'the body nests 5,000 levels deep',
    body: '['.repeat(5000) + ']'.repeat(5000),
    status: 400,
    message: /nests deeper/,
  },
  {
    label: 'a field nests 20 levels deep',
    body: `{"from":${'['.repeat(20)}${']'.repeat(20)}}`,
    status: 400,
    message: /nests deeper/,
  },
  {
    label: 'the body has a __proto__ key',
    body: '{"from":"a","to":"b","message":"hi","__proto__":{"x":1}}',
    status: 400,
    message: /not valid JSON/,
  },
  {
    label: 'the body has a constructor.prototype key',
    body: '{"from":"a","constructor":{"prototype":{"x":1}}}',
    status: 400,
    message: /not valid JSON/,
  },
  {
    label: 'the body is not valid UTF-8',
    body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    status: 400,
    message: 'Body is not valid UTF-8',
  },
  // Content type, charset, encoding
  {
    label: 'the content type is text/plain',
    body: 'from=clientA',
    headers: { 'content-type': 'text/plain' },
    status: 415,
    message: 'Content-Type must be application/json',
  },
  {
    label: 'the body is a form',
    body: 'from=a&to=b&message=hi',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    message: 'Content-Type must be application/json',
  },
  {
    label: 'the content type is missing',
    body: JSON.stringify(VALID),
    headers: {},
    status: 415,
    message: 'Content-Type must be application/json',
  },
  {
    label: 'the content type is XML',
    body: '<from>a</from>',
    headers: { 'content-type': 'application/xml' },
    status: 415,
    message: 'Content-Type must be application/json',
  },
  {
    label: 'the charset is latin1',
    body: JSON.stringify(VALID),
    headers: { 'content-type': `${JSON_TYPE}; charset=latin1` },
    status: 415,
    message: /Charset latin1/,
  },
  {
    label: 'the charset is UTF-16',
    body: JSON.stringify(VALID),
    headers: { 'content-type': `${JSON_TYPE}; charset=utf-16` },
    status: 415,
    message: /Charset utf-16/,
  },
  {
    label: 'the body claims gzip',
    body: JSON.stringify(VALID),
    headers: { 'content-type': JSON_TYPE, 'content-encoding': 'gzip' },
    status: 415,
    message: /Content-Encoding gzip/,
  },
  // Idempotency-Key
  {
    label: 'the Idempotency-Key is empty',
    body: VALID,
    headers: { 'content-type': JSON_TYPE, 'idempotency-key': '' },
    status: 400,
    message: 'Invalid Idempotency-Key header',
    field: 'Idempotency-Key',
  },
  {
    label: 'the Idempotency-Key has a space',
    body: VALID,
    headers: { 'content-type': JSON_TYPE, 'idempotency-key': 'two words' },
    status: 400,
    message: 'Invalid Idempotency-Key header',
    field: 'Idempotency-Key',
  },
  {
    label: 'the Idempotency-Key is 129 characters',
    body: VALID,
    headers: { 'content-type': JSON_TYPE, 'idempotency-key': 'k'.repeat(129) },
    status: 400,
    message: 'Invalid Idempotency-Key header',
    field: 'Idempotency-Key',
  },
  {
    label: 'the Idempotency-Key is not ASCII',
    body: VALID,
    headers: { 'content-type': JSON_TYPE, 'idempotency-key': 'cl\u00e9' },
    status: 400,
    message: 'Invalid Idempotency-Key header',
    field: 'Idempotency-Key',
  },
  // Routes and methods
  { label: 'the method is GET', method: 'GET', status: 404, message: 'Cannot GET /send-message' },
  { label: 'the method is PUT', method: 'PUT', body: VALID, status: 404, message: 'Cannot PUT /send-message' },
  {
    label: 'the path is unknown',
    path: '/send-messages',
    body: VALID,
    status: 404,
    message: 'Cannot POST /send-messages',
  },
  { label: 'a message id is no UUID', method: 'GET', path: '/messages/not-a-uuid', status: 400, message: /uuid/ },
  {
    label: 'a message id is unknown',
    method: 'GET',
    path: '/messages/6f1c2a8e-5b7d-4c1a-9e2f-0a1b2c3d4e5f',
    status: 404,
    message: /No message 6f1c2a8e/,
  },
  // What JSON.parse accepts but a message must not hold (refused by the strict JSON parser)
  {
    label: 'from is given twice',
    body: '{"from":"a","from":"b","to":"b","message":"hi"}',
    status: 400,
    message: 'Invalid request body: from is given more than once',
    field: 'from',
  },
  {
    label: 'from is given twice, once as an escape',
    body: '{"from":"a","\\u0066rom":"b","to":"b","message":"hi"}',
    status: 400,
    message: 'Invalid request body: from is given more than once',
    field: 'from',
  },
  {
    label: 'a key is given twice inside to',
    body: '{"from":"a","to":{"x":1,"x":2},"message":"hi"}',
    status: 400,
    message: 'Invalid request body: to.x is given more than once',
    field: 'to.x',
  },
  {
    label: 'message holds a lone high surrogate',
    body: '{"from":"a","to":"b","message":"hi \\ud800"}',
    status: 400,
    message: 'Invalid request body: message holds a lone UTF-16 surrogate (U+D800)',
    field: 'message',
  },
  {
    label: 'message holds a lone low surrogate',
    body: '{"from":"a","to":"b","message":"\\udc00 hi"}',
    status: 400,
    message: 'Invalid request body: message holds a lone UTF-16 surrogate (U+DC00)',
    field: 'message',
  },
  {
    label: 'message holds a NUL',
    body: '{"from":"a","to":"b","message":"a\\u0000b"}',
    status: 400,
    message: 'Invalid request body: message holds control character U+0000',
    field: 'message',
  },
  {
    label: 'message holds an escape sequence',
    body: with_({ message: '\u001b[2J' }),
    status: 400,
    message: 'Invalid request body: message holds control character U+001B',
    field: 'message',
  },
  {
    label: 'message holds a DEL',
    body: with_({ message: 'a\u007fb' }),
    status: 400,
    message: 'Invalid request body: message holds control character U+007F',
    field: 'message',
  },
  {
    label: 'message holds a C1 control',
    body: with_({ message: 'a\u0085b' }),
    status: 400,
    message: 'Invalid request body: message holds control character U+0085',
    field: 'message',
  },
];

async function send(url: string, request: BadRequest): Promise<{ status: number; body: Record<string, unknown> }> {
  const { body, method = 'POST', path = '/send-message' } = request;
  const headers = request.headers ?? { 'content-type': JSON_TYPE };
  const payload =
    body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const response = await fetch(`${url}${path}`, { method, headers, body: payload });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Writes bytes no HTTP client would send and returns everything the server answered. */
function rawHttp(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
  });
}

describe('client-a refuses bad requests with a clear 4xx and keeps serving good ones', () => {
  const system = new MessagingSystem();
  let url: string;
  let accepted = 0;

  beforeAll(async () => {
    await system.open();
    ({ url } = await system.start('client-a'));
  });

  afterAll(() => system.close());

  it('should hold at least 40 bad requests in the table', () => {
    expect(BAD_REQUESTS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(BAD_REQUESTS)('should answer $status when $label, then accept a good request', async (request) => {
    const response = await send(url, request);

    expect(response.status).toBe(request.status);
    expect(response.body).toMatchObject({ statusCode: request.status, error: expect.any(String) });
    expect(response.body.message).toEqual(
      typeof request.message === 'string' ? request.message : expect.stringMatching(request.message),
    );
    expect(response.body.correlationId).toEqual(expect.any(String));
    if (request.field) {
      expect((response.body.fields as { field: string }[]).map((entry) => entry.field)).toContain(request.field);
    }
    const good = await sendMessage(url, VALID);
    expect(good.status).toBe(201);
    accepted += 1;
  });

  it('should accept a message of exactly MESSAGE_MAX_LENGTH characters', async () => {
    const response = await sendMessage(url, with_({ message: '😀'.repeat(8192) }));

    expect(response.status).toBe(201);
    accepted += 1;
  });

  it('should echo the caller correlation id when one is sent', async () => {
    const response = await sendMessage(url, {}, { 'content-type': JSON_TYPE, 'x-correlation-id': 'trace-123' });

    expect(response.status).toBe(400);
    expect(response.body.correlationId).toBe('trace-123');
  });

  it.each([
    {
      label: 'Content-Length is not a number',
      head: 'Content-Length: abc\r\n',
      status: 400,
      message: 'Malformed HTTP request: invalid Content-Length',
    },
    {
      label: 'the headers exceed 16 KiB',
      head: `X-Padding: ${'a'.repeat(20_000)}\r\n`,
      status: 431,
      message: 'The request headers are too large',
    },
    {
      label: 'the request line is not HTTP',
      head: '',
      status: 400,
      message: 'Malformed HTTP request',
      requestLine: 'HELLO\r\n',
    },
  ])(
    'should answer $status in the standard error shape when $label',
    async ({ head, status, message, requestLine }) => {
      const { port } = new URL(url);
      const raw = await rawHttp(
        Number(port),
        `${requestLine ?? 'POST /send-message HTTP/1.1\r\n'}Host: localhost\r\n${head}\r\n`,
      );

      const [statusLine] = raw.split('\r\n');
      expect(statusLine).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({
        statusCode: status,
        error: expect.any(String),
        message,
        correlationId: expect.any(String),
      });
      expect((await sendMessage(url, VALID)).status).toBe(201);
      accepted += 1;
    },
  );

  it.each([
    { label: 'tab, newline and carriage return', message: 'line one\tcolumn\nline two\r\n' },
    { label: 'emoji and accented letters', message: '😀👍🏽🇫🇷 café, naïve, Ærø' },
  ])('should accept and store unchanged a message holding $label', async ({ message }) => {
    const response = await sendMessage(url, with_({ message }));

    expect(response.status).toBe(201);
    accepted += 1;
    const stored = await fetch(`${url}/messages/${response.body.messageId as string}`);
    expect(((await stored.json()) as { message: string }).message).toBe(message);
  });

  it('should have stored only the good requests', async () => {
    expect(await system.store.count({ mailbox: 'outbox' })).toBe(accepted);
    expect(await system.store.count()).toBe(accepted);
  });
});
