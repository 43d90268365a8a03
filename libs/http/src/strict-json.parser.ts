import { FastifyInstance, FastifyRequest } from 'fastify';
import { jsonTextRefusal } from './json-text-refusal';
import { RequestValidationError } from './request-validation';

/** Request bodies are flat objects; anything nested deeper is a mistake or an attack. */
export const MAX_JSON_DEPTH = 16;

type Done = (error: Error | null, body?: unknown) => void;

/**
 * Replaces Fastify's JSON body parser with one that refuses, as a client error,
 * everything that is not a UTF-8 JSON object of modest depth: another content
 * type, charset or a compressed body (415), invalid UTF-8, `null`, arrays and
 * scalars (400); and what JSON.parse would let through: a key given twice, a lone
 * surrogate or a control character other than tab, newline and carriage return in
 * a string (400, naming the field in `fields` as validation does).
 * Prototype-poisoning keys are still refused by Fastify's own parser.
 */
export function useStrictJsonParser(instance: FastifyInstance): void {
  // Fastify's default parser is the callback form (its type also admits the promise form).
  const parseJson = instance.getDefaultJsonParser('error', 'error') as (
    request: FastifyRequest,
    body: string,
    done: Done,
  ) => void;
  instance.removeContentTypeParser('application/json');
  instance.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, raw, done: Done) => {
    const refusal = refusalOfEnvelope(request);
    if (refusal) return done(refusal);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw as Buffer);
    } catch {
      return done(clientError(400, 'Body is not valid UTF-8'));
    }
    if (jsonDepth(text) > MAX_JSON_DEPTH) {
      return done(clientError(400, `Body nests deeper than ${MAX_JSON_DEPTH} levels`));
    }
    parseJson(request, text, (error: Error | null, body?: unknown) => {
      if (error) return done(error);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return done(clientError(400, 'Body must be a JSON object'));
      }
      const refusal = jsonTextRefusal(text);
      if (refusal) return done(new RequestValidationError([refusal], `Invalid request body: ${refusal.reasons[0]}`));
      done(null, body);
    });
  });
  // Any other content type (or none): Fastify's own 415 says nothing of what is accepted.
  instance.addContentTypeParser('*', (_request, _payload, done: Done) =>
    done(clientError(415, 'Content-Type must be application/json')),
  );
}

function refusalOfEnvelope(request: FastifyRequest): Error | undefined {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return clientError(415, `Charset ${charset} is not supported; send UTF-8`);
  }
  const encoding = request.headers['content-encoding']?.toLowerCase();
  if (encoding !== undefined && encoding !== 'identity') {
    return clientError(415, `Content-Encoding ${encoding} is not supported`);
  }
  return undefined;
}

// The exception filter answers any error carrying a 4xx statusCode with that status and message.
function clientError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}

/**
 * How deeply the arrays and objects of a JSON text nest, counted without
 * parsing (brackets inside strings do not count). Lets a request be refused
 * before a deep value reaches recursive code such as validation.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (char === '}' || char === ']') {
      depth -= 1;
    }
  }
  return deepest;
}
