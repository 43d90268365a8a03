import Fastify, { FastifyInstance } from 'fastify';
import { RequestValidationError } from './request-validation';
import { useStrictJsonParser, jsonDepth } from './strict-json.parser';

// A bare Fastify with the parser and an echo route; the error handler stands in for
// HttpExceptionFilter and shows what the parser handed on.
function echoServer(): FastifyInstance {
  const instance = Fastify();
  useStrictJsonParser(instance);
  instance.post('/', async (request) => request.body);
  instance.setErrorHandler(async (error: Error & { statusCode?: number }, _request, reply) => {
    const fields = error instanceof RequestValidationError ? error.fields : undefined;
    const statusCode = error instanceof RequestValidationError ? error.getStatus() : (error.statusCode ?? 500);
    return reply.status(statusCode).send({ message: error.message, fields });
  });
  return instance;
}

describe(useStrictJsonParser.name, () => {
  let server: FastifyInstance;

  beforeAll(() => (server = echoServer()));
  afterAll(() => server.close());

  const post = (payload: string) =>
    server.inject({ method: 'POST', url: '/', headers: { 'content-type': 'application/json' }, payload });

  it.each([
    {
      label: 'a key is given twice',
      payload: '{"from":"a","from":"b"}',
      field: 'from',
      reason: 'from is given more than once',
    },
    {
      label: 'a nested key is given twice',
      payload: '{"to":{"x":1,"x":2}}',
      field: 'to.x',
      reason: 'to.x is given more than once',
    },
    {
      label: 'a value holds a lone surrogate',
      payload: '{"message":"\\ud800"}',
      field: 'message',
      reason: 'message holds a lone UTF-16 surrogate (U+D800)',
    },
    {
      label: 'a value holds a NUL',
      payload: '{"message":"a\\u0000"}',
      field: 'message',
      reason: 'message holds control character U+0000',
    },
    {
      label: 'a value holds a raw C1 control',
      payload: '{"message":"a\u0085"}',
      field: 'message',
      reason: 'message holds control character U+0085',
    },
  ])('should answer 400 naming $field when $label', async ({ payload, field, reason }) => {
    const response = await post(payload);

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      message: `Invalid request body: ${reason}`,
      fields: [{ field, reasons: [reason] }],
    });
  });

  it.each([
    { label: 'the message holds escaped tab, newline and carriage return', body: { message: 'a\tb\nc\r\n' } },
    { label: 'the message holds emoji and accented letters', body: { message: '😀👍🏽 café naïve' } },
  ])('should pass the body on when $label', async ({ body }) => {
    const response = await post(JSON.stringify(body));

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(body);
  });

  it('should still refuse a body that is no object before looking at its strings', async () => {
    const response = await post('["a\\u0000"]');

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ message: 'Body must be a JSON object' });
  });
});

describe(jsonDepth.name, () => {
  it.each([
    { text: '"plain"', expected: 0 },
    { text: '42', expected: 0 },
    { text: '{}', expected: 1 },
    { text: '{"a":{"b":[1,[2]]}}', expected: 4 },
    { text: '[[],[],[]]', expected: 2 },
    { text: '{"a":"{[{[{["}', expected: 1 },
    { text: '{"a":"quote \\" then [[["}', expected: 1 },
    { text: '{"a":"backslash \\\\","b":[[1]]}', expected: 3 },
    { text: '['.repeat(5000) + ']'.repeat(5000), expected: 5000 },
  ])('should answer $expected when the text is $text', ({ text, expected }) => {
    expect(jsonDepth(text)).toBe(expected);
  });
});
