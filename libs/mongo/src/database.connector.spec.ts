import { explainDatabaseFailure } from './database.connector';

describe(explainDatabaseFailure.name, () => {
  const serverSelection = (error: unknown) =>
    Object.assign(new Error('Server selection timed out'), { reason: { servers: new Map([['db:27017', { error }]]) } });

  it.each([
    [
      'a refused password',
      Object.assign(new Error('Authentication failed.'), { code: 18, codeName: 'AuthenticationFailed' }),
      'MONGODB_URI',
    ],
    ["Atlas' bad auth", Object.assign(new Error('bad auth : Authentication failed.'), { code: 8000 }), 'MONGODB_URI'],
    [
      'a refused password behind server selection',
      serverSelection(Object.assign(new Error('x'), { codeName: 'AuthenticationFailed' })),
      'authentication failed',
    ],
    [
      'an untrusted certificate in a cause',
      new Error('tls', { cause: Object.assign(new Error('self-signed'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }) }),
      'SELF_SIGNED_CERT_IN_CHAIN',
    ],
  ])('should name what to change when the failure is %s', (_what, error, expected) => {
    // Act
    const explained = explainDatabaseFailure(error);

    // Assert
    expect(explained).toContain(expected);
  });

  it.each([
    [
      'a refused connection',
      serverSelection(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), { code: 'ECONNREFUSED' })),
    ],
    ['a timeout', new Error('Server selection timed out after 5000 ms')],
    ['an unknown host', Object.assign(new Error('getaddrinfo ENOTFOUND db'), { code: 'ENOTFOUND' })],
  ])('should leave %s to be waited for', (_what, error) => {
    // Act
    const explained = explainDatabaseFailure(error);

    // Assert
    expect(explained).toBeUndefined();
  });
});
