import { declaredSecrets, ServiceEnvironment } from '@app/config';
import { IncomingMessage, ServerResponse, IncomingHttpHeaders } from 'node:http';
import { Params } from 'nestjs-pino';
import pino from 'pino';
import { Options } from 'pino-http';
import pinoPretty from 'pino-pretty';
import { boundLogObject, cutLongText, LOG_TEXT_MAX_CHARS } from './bound-log-fields';
import { createSecretScrubber, REDACTED } from './create-secret-scrubber';
import { passwordsInUri } from './mask-uri-passwords';

/**
 * Fields pino replaces with [Redacted] wherever a line carries them (see
 * pino's `redact`): the credentials of a request or response, and any field
 * whose name says it holds a password, a token or a secret.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  '*.*.password',
  'sasl',
  '*.sasl',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'KAFKA_SASL_PASSWORD',
  '*.KAFKA_SASL_PASSWORD',
  'ADMIN_TOKEN',
  '*.ADMIN_TOKEN',
];

/** LOG_LEVEL names Nest's levels; pino calls Nest's `log` `info`. */
const PINO_LEVEL = { debug: 'debug', log: 'info', warn: 'warn', error: 'error' } as const;

/** The key of the correlation id on every line logged while a request is handled. */
export const CORRELATION_ID_LOG_KEY = 'correlationId';

/**
 * The service's logger, from its validated environment: JSON lines (one
 * object per line, `msg` the text) or, with LOG_FORMAT=pretty, pino-pretty's
 * coloured lines. Every line logged while a request is handled carries its
 * correlation id; the request itself is logged once it is answered.
 *
 * Whatever a caller or a record sends, a line stays within LOG_LINE_MAX_BYTES: every string
 * field is cut (its length noted) before the line is written, the fields of a call by
 * `formatters.log`, the request, the response, the error and the message by their
 * serializers. The secret scrubber then reads a bounded line, in one pass.
 */
export function loggerParamsFromEnvironment(env: ServiceEnvironment): Params {
  const options: Options = {
    level: PINO_LEVEL[env.LOG_LEVEL],
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
    hooks: { streamWrite: createSecretScrubber(secretsOf(env)) },
    serializers: BOUNDED_SERIALIZERS,
    formatters: { level: (label) => ({ level: label }), log: (fields) => boundLogObject(fields, SERIALIZED_KEYS) },
    timestamp: pino.stdTimeFunctions.isoTime,
    // The adapter gave the request its correlation id (the caller's x-correlation-id or a new one).
    genReqId: (request) => request.id,
    quietReqLogger: true,
    customAttributeKeys: { reqId: CORRELATION_ID_LOG_KEY },
    customLogLevel: levelOfAnswer,
    // Health checks come every few seconds from the platform and from npm start.
    autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
  };
  return { pinoHttp: [options, destinationFor(env.LOG_FORMAT)] };
}

/**
 * Errors on stderr, the rest on stdout, as Nest's own logger did: platforms
 * tell them apart, and npm start's crash report quotes stderr. Written
 * synchronously, as Node writes to pipes on Linux anyway: a service killed by
 * a signal (Nest re-raises SIGTERM after its shutdown hooks) loses no line.
 */
function destinationFor(format: ServiceEnvironment['LOG_FORMAT']): pino.MultiStreamRes {
  const [out, errors] =
    format === 'pretty'
      ? [prettyStream(1), prettyStream(2)]
      : [pino.destination({ dest: 1, sync: true }), pino.destination({ dest: 2, sync: true })];
  return pino.multistream(
    [
      { level: 'trace', stream: out },
      { level: 'error', stream: errors },
    ],
    { dedupe: true },
  );
}

/**
 * Values no line may carry, whatever field or text they end up in: the variables the
 * service's environment class marks `@Secret()`, of a URI its password.
 */
function secretsOf(env: ServiceEnvironment): string[] {
  return declaredSecrets(env).flatMap(({ value, form }) => (form === 'uri-password' ? passwordsInUri(value) : [value]));
}

/*
 * pino-http hands these the output of pino's standard serializers (outside pino-http, as
 * in a unit test, they get the object itself). Each bounds what it returns; the request is
 * serialized once, when pino-http binds it to the request's logger.
 */
const BOUNDED_SERIALIZERS = {
  req: (request: Parameters<typeof loggedRequest>[0]) => boundLogObject(loggedRequest(request)),
  res: (response: object) => boundLogObject(response),
  err: (error: unknown) =>
    error instanceof Error ? boundLogObject(pino.stdSerializers.err(error)) : boundLogObject({ error }).error,
  msg: (message: unknown) => (typeof message === 'string' ? cutLongText(message, LOG_TEXT_MAX_CHARS) : message),
};
// Fields the serializers bound themselves: formatters.log leaves them to them.
const SERIALIZED_KEYS: ReadonlySet<string> = new Set(Object.keys(BOUNDED_SERIALIZERS));

function levelOfAnswer(_request: IncomingMessage, response: ServerResponse, error?: Error): pino.LevelWithSilent {
  if (error || response.statusCode >= 500) return 'error';
  return response.statusCode >= 400 ? 'warn' : 'info';
}

// In this process, not a worker thread: it is for people reading a terminal.
function prettyStream(destination: 1 | 2) {
  return pinoPretty({
    destination,
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
  });
}

/** The request as pino's standard serializer gives it (or the raw request, outside pino-http). */
interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  headers?: IncomingHttpHeaders;
  remoteAddress?: string;
  remotePort?: number;
}

/**
 * What a log line says of a request: its method, its URL and the Referer with every query
 * value replaced by [Redacted], its other headers, the caller's address. Query strings are
 * where browsers put tokens (`/?token=`, `/messages/stream?access_token=`, and the page's own
 * address as the Referer of its CSS and JS): parameter names are kept, as they tell what was
 * asked, never values, whose names no list could foresee. `query` and `params` are left out:
 * the URL says the same.
 */
export function loggedRequest(request: SerializedRequest): Record<string, unknown> {
  const headers = { ...request.headers };
  if (typeof headers.referer === 'string') headers.referer = withoutQueryValues(headers.referer);
  return {
    id: request.id,
    method: request.method,
    url: request.url === undefined ? undefined : withoutQueryValues(request.url),
    headers,
    remoteAddress: request.remoteAddress,
    remotePort: request.remotePort,
  };
}

/**
 * `url` with the value of each query parameter replaced by [Redacted] (a parameter with no
 * "=" is all value) and without its fragment: `/s?token=abc&limit=5#x` → `/s?token=[Redacted]&limit=[Redacted]`.
 */
export function withoutQueryValues(url: string): string {
  const hash = url.indexOf('#');
  const withoutFragment = hash < 0 ? url : url.slice(0, hash);
  const question = withoutFragment.indexOf('?');
  if (question < 0) return withoutFragment;
  const parameters = withoutFragment
    .slice(question + 1)
    .split('&')
    .map((parameter) => {
      if (parameter === '') return parameter;
      const equals = parameter.indexOf('=');
      if (equals < 0) return REDACTED;
      return equals === parameter.length - 1 ? parameter : `${parameter.slice(0, equals)}=${REDACTED}`;
    });
  return `${withoutFragment.slice(0, question)}?${parameters.join('&')}`;
}
