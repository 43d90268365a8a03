import fc from 'fast-check';
import { REDACTED } from './create-secret-scrubber';
import { loggedRequest, withoutQueryValues } from './logged-request';

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
