import { MessagingSystem } from './support/messaging-system';
import { validateOpenApi } from './support/openapi-validator';
import { AppName, ServiceProcess } from './support/service.process';

jest.setTimeout(120_000);

/** Every route each service serves over HTTP, as `METHOD /path` with OpenAPI's `{param}`. */
const SERVED: Record<AppName, string[]> = {
  'client-a': [
    'GET /health',
    'GET /health/live',
    'GET /health/ready',
    'GET /messages/{id}',
    'GET /metrics',
    'POST /send-message',
  ],
  'client-b': [
    'GET /',
    'GET /admin/consumer',
    'GET /admin/failures',
    'GET /admin/fault-injection',
    'GET /dead-letters',
    'GET /health',
    'GET /health/live',
    'GET /health/ready',
    'GET /inbox.css',
    'GET /inbox.js',
    'GET /messages',
    'GET /messages/stream',
    'GET /metrics',
    'GET /operator',
    'GET /operator.css',
    'GET /operator.js',
    'POST /dead-letters/replay',
    'PUT /admin/fault-injection',
  ],
};
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface OpenApiDocument {
  openapi: string;
  info: { title: string; description: string };
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, { headers?: object }> }>
  >;
  components: {
    schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }>;
    securitySchemes: Record<string, object>;
  };
}

const operationsOf = (document: OpenApiDocument) =>
  Object.entries(document.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => METHODS.includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();

/** The routes Nest mapped as the service started, from its own log lines ("Mapped {/path, GET} route"). */
function mappedRoutes(service: ServiceProcess): string[] {
  return service
    .entries()
    .filter((entry) => entry.context === 'RouterExplorer')
    .flatMap((entry) => {
      const match = /^Mapped \{(.+), ([A-Z]+)\} route$/.exec(entry.msg ?? '');
      return match ? [`${match[2]} ${match[1].replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`] : [];
    })
    .sort();
}

/** Calls an operation with parameters that cannot be found or stored, and gives its status. */
async function statusOf(baseUrl: string, operation: string): Promise<number> {
  const [method, path] = operation.split(' ');
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}${path.replace(/\{[^}]+\}/g, 'not-a-uuid')}`, {
    method,
    headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
    body: method === 'POST' ? '{}' : undefined,
    signal: abort.signal,
  });
  // The event stream never ends: its status is all that is wanted.
  abort.abort();
  return response.status;
}

describe('the OpenAPI documents of both services', () => {
  const system = new MessagingSystem();
  const services = {} as Record<AppName, { service: ServiceProcess; url: string; document: OpenApiDocument }>;

  beforeAll(async () => {
    await system.open();
    for (const app of ['client-a', 'client-b'] as const) {
      const { service, url } = await system.start(app);
      const response = await fetch(`${url}/docs-json`);
      expect(response.status).toBe(200);
      services[app] = { service, url, document: (await response.json()) as OpenApiDocument };
    }
  });

  afterAll(() => system.close());

  it.each(['client-a', 'client-b'] as const)('should serve a valid OpenAPI 3 document at /docs-json of %s', (app) => {
    const { document } = services[app];

    const validation = validateOpenApi(document);

    expect(validation).toMatchObject({ valid: true, version: '3.0' });
    expect(document.openapi).toMatch(/^3\.0\./);
    expect(document.info.title).toBe(app);
  });

  it.each(['client-a', 'client-b'] as const)('should document exactly the routes %s serves', (app) => {
    const { service, document } = services[app];

    expect(operationsOf(document)).toEqual(SERVED[app]);
    expect(mappedRoutes(service)).toEqual(SERVED[app]);
  });

  it.each(['client-a', 'client-b'] as const)(
    'should answer every documented operation of %s, with no 404 of the router',
    async (app) => {
      const { url, document } = services[app];

      const statuses = await Promise.all(
        operationsOf(document).map(async (operation) => [operation, await statusOf(url, operation)]),
      );

      expect(statuses.filter(([, status]) => status === 404)).toEqual([]);
      // The check can fail: a path nobody serves is a 404.
      expect(await statusOf(url, 'GET /no-such-route')).toBe(404);
    },
  );

  it.each(['client-a', 'client-b'] as const)('should serve the Swagger UI at /docs of %s', async (app) => {
    const response = await fetch(`${services[app].url}/docs`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('swagger-ui');
  });

  it.each(['client-a', 'client-b'] as const)(
    'should describe the error body and the ADMIN_TOKEN bearer scheme in %s',
    (app) => {
      const { components } = services[app].document;

      expect(components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      const error = components.schemas.ErrorResponseSchema;
      expect(Object.keys(error.properties).sort()).toEqual([
        'correlationId',
        'error',
        'fields',
        'message',
        'messageId',
        'statusCode',
      ]);
      expect(error.required?.sort()).toEqual(['correlationId', 'error', 'message', 'statusCode']);
      expect(Object.keys(components.schemas.FieldErrorSchema.properties).sort()).toEqual(['field', 'reasons']);
    },
  );

  it("should document client-a's request headers, its answers' headers and its error answers", () => {
    const send = services['client-a'].document.paths['/send-message'].post;

    expect(
      send.parameters
        ?.filter((parameter) => parameter.in === 'header')
        .map(({ name }) => name)
        .sort(),
    ).toEqual(['Idempotency-Key', 'Prefer', 'X-Correlation-Id']);
    expect(Object.keys(send.responses).sort()).toEqual([
      '200',
      '201',
      '202',
      '400',
      '413',
      '415',
      '422',
      '429',
      '503',
      '504',
    ]);
    expect(send.responses['200'].headers).toHaveProperty('Preference-Applied');
    expect(JSON.stringify(send.responses['400'])).toContain('#/components/schemas/ErrorResponseSchema');
  });

  it('should mention the Socket.IO push, which is not HTTP, in the description of client-b', () => {
    expect(services['client-b'].document.info.description).toMatch(/Socket\.IO.*\/inbox/);
  });
});
