import { Secret, ServiceEnvironment } from '@app/config';
import pino from 'pino';
import { Options } from 'pino-http';
import { Writable } from 'node:stream';
import { cutLongText, LOG_LINE_MAX_BYTES, LOG_TEXT_MAX_CHARS } from './bound-log-fields';
import { loggerParamsFromEnvironment, loggedRequest, withoutQueryValues } from './logger-params.factory';
import fc from 'fast-check';
import { REDACTED } from './create-secret-scrubber';

/** A service's own environment, registering a secret of its own as apps do. */
class AppEnvironment extends ServiceEnvironment {
  @Secret()
  APP_TOKEN?: string;
}

function environment(overrides: Partial<AppEnvironment>): AppEnvironment {
  return Object.assign(new AppEnvironment(), { KAFKA_CLIENT_ID: 'test', PORT: 3000 }, overrides);
}

/** A pino logger built from the service's options, writing its lines into an array. */
function loggerFor(env: ServiceEnvironment): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const [options] = loggerParamsFromEnvironment(env).pinoHttp as [Options, unknown];
  return { logger: pino(options, sink), lines };
}

/** The fields of a written line that these tests read. */
interface LogLine {
  level: string;
  msg: string;
  req: { url: string; headers: Record<string, string> };
  config: Record<string, string>;
  detail: { id: string };
}

const parsed = (line: string): LogLine => JSON.parse(line) as LogLine;

describe(loggerParamsFromEnvironment.name, () => {
  const secrets = {
    KAFKA_SASL_PASSWORD: 'sasl-pw-123',
    ADMIN_TOKEN: 'admin-token-456',
    MONGODB_URI: 'mongodb://app:mongo-pw-789@db:27017/',
  };

  it('should write JSON lines with the level as a word when LOG_FORMAT is json', () => {
    const { logger, lines } = loggerFor(environment({}));

    logger.info({ messageId: 'm-1' }, 'Message saved m-1');

    expect(parsed(lines[0])).toMatchObject({ level: 'info', msg: 'Message saved m-1', messageId: 'm-1' });
  });

  it.each([
    { LOG_LEVEL: 'debug', logged: ['debug', 'info', 'warn', 'error'] },
    { LOG_LEVEL: 'log', logged: ['info', 'warn', 'error'] },
    { LOG_LEVEL: 'error', logged: ['error'] },
  ] as const)('should write $logged when LOG_LEVEL is $LOG_LEVEL', ({ LOG_LEVEL, logged }) => {
    const { logger, lines } = loggerFor(environment({ LOG_LEVEL }));

    (['debug', 'info', 'warn', 'error'] as const).forEach((level) => logger[level](level));

    expect(lines.map((line) => parsed(line).level)).toEqual(logged);
  });

  it('should redact credentials of a request and fields named like a password', () => {
    const { logger, lines } = loggerFor(environment({}));

    logger.info({
      req: { headers: { authorization: 'Bearer abc.def', cookie: 'sid=1', accept: '*/*' } },
      config: { password: 'field-pw', user: 'u' },
    });

    const line = parsed(lines[0]);
    expect(line.req.headers).toEqual({ authorization: '[Redacted]', cookie: '[Redacted]', accept: '*/*' });
    expect(line.config).toEqual({ password: '[Redacted]', user: 'u' });
  });

  it('should keep the SASL password, the admin token and the database password out of any text', () => {
    const { logger, lines } = loggerFor(environment(secrets));

    logger.error(`failed with ${secrets.KAFKA_SASL_PASSWORD} and ${secrets.ADMIN_TOKEN} at ${secrets.MONGODB_URI}`);
    logger.warn({ detail: { uri: 'mongodb://app:mongo-pw-789@other:1/' } }, 'mongo-pw-789 again');

    const output = lines.join('\n');
    ['sasl-pw-123', 'admin-token-456', 'mongo-pw-789'].forEach((secret) => expect(output).not.toContain(secret));
    expect(parsed(lines[0]).msg).toBe('failed with [Redacted] and [Redacted] at mongodb://app:***@db:27017/');
  });

  it("should keep the app's own secrets and the Redis password out of any text", () => {
    const { logger, lines } = loggerFor(
      environment({ APP_TOKEN: 'app-token-0123', REDIS_URL: 'redis://:redis-pw-345@cache:6379' }),
    );

    logger.warn({ header: 'Bearer app-token-0123' }, 'redis-pw-345 refused at redis://default:redis-pw-345@other:6379');

    expect(lines[0]).not.toMatch(/app-token-0123|redis-pw-345/);
  });

  it('should cut every long field, the message and request headers included, and note their length', () => {
    const { logger, lines } = loggerFor(environment({}));
    const long = 'a'.repeat(16_384);

    logger.info(
      {
        req: { method: 'GET', url: `/${long}`, headers: { 'user-agent': long, referer: 'http://x/' } },
        detail: { id: long },
      },
      long,
    );

    const line = parsed(lines[0]);
    expect(line.msg).toBe(cutLongText(long, LOG_TEXT_MAX_CHARS));
    expect(line.req.headers).toEqual({ 'user-agent': cutLongText(long), referer: 'http://x/' });
    expect(line.req.url).toBe(cutLongText(`/${long}`));
    expect(line.detail.id).toBe(`${'a'.repeat(1024)}…[cut, 16384 chars]`);
  });

  it('should write a bounded line whatever the size of the fields, the error and the message', () => {
    const { logger, lines } = loggerFor(environment({}));
    const many = Object.fromEntries(
      Array.from({ length: 500 }, (_, index) => [`f${index}`, `${index}://${'b'.repeat(3000)}`]),
    );
    const error = Object.assign(new Error('m'.repeat(100_000)), many);

    logger.error({ ...many, err: error, req: { headers: many } }, 'x'.repeat(1_000_000));

    expect(Buffer.byteLength(lines[0])).toBeLessThanOrEqual(LOG_LINE_MAX_BYTES);
  });

  it('should log the URL and the Referer of a request without their query values', () => {
    const { logger, lines } = loggerFor(environment({}));

    logger.info({
      req: { url: '/messages/stream?access_token=tok-1', headers: { referer: 'http://localhost:3001/?token=tok-2' } },
    });

    const line = parsed(lines[0]);
    expect(line.req).toMatchObject({
      url: '/messages/stream?access_token=[Redacted]',
      headers: { referer: 'http://localhost:3001/?token=[Redacted]' },
    });
  });
});

describe(withoutQueryValues.name, () => {
  it.each([
    { url: '/messages', logged: '/messages' },
    { url: '/?token=abc', logged: `/?token=${REDACTED}` },
    {
      url: '/messages/stream?access_token=abc&limit=5',
      logged: `/messages/stream?access_token=${REDACTED}&limit=${REDACTED}`,
    },
    { url: 'http://x:3001/?token=abc#inbox', logged: `http://x:3001/?token=${REDACTED}` },
    { url: '/page#token=abc', logged: '/page' },
    { url: '/?abc-secret-as-a-name', logged: `/?${REDACTED}` },
    { url: '/?token=&&limit=a=b', logged: `/?token=&&limit=${REDACTED}` },
    { url: '/?', logged: '/?' },
  ])('should log $url as $logged', ({ url, logged }) => {
    expect(withoutQueryValues(url)).toBe(logged);
  });

  it('should keep no query value when a URL has any', () => {
    const value = fc.string({
      unit: fc.constantFrom('t', 'o', 'k', '%', '+', '?', '/', ':'),
      minLength: 1,
      maxLength: 12,
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('token', 'access_token', 'x'), value), { minLength: 1, maxLength: 4 }),
        (pairs) => {
          const url = `/path?${pairs.map(([name, secret]) => `${name}=SECRET${secret}`).join('&')}`;

          expect(withoutQueryValues(url)).not.toContain('SECRET');
        },
      ),
    );
  });
});

describe(loggedRequest.name, () => {
  it('should redact the query values of the URL and of the Referer and keep the other headers', () => {
    const logged = loggedRequest({
      id: 'c-1',
      method: 'GET',
      url: '/app.js?v=1',
      headers: { referer: 'http://localhost:3001/?token=inbox-secret', 'user-agent': 'test' },
      remoteAddress: '127.0.0.1',
      remotePort: 5000,
    });

    expect(logged).toEqual({
      id: 'c-1',
      method: 'GET',
      url: `/app.js?v=${REDACTED}`,
      headers: { referer: `http://localhost:3001/?token=${REDACTED}`, 'user-agent': 'test' },
      remoteAddress: '127.0.0.1',
      remotePort: 5000,
    });
  });
});
