import { mongodbUriProblem } from './mongodb-uri-problem';

describe(mongodbUriProblem.name, () => {
  it.each([
    'mongodb://127.0.0.1:27017/',
    'mongodb://localhost',
    'mongodb://user:p%40ss@db1.example.net:27017,db2.example.net:27018/message-db?replicaSet=rs0&authSource=admin',
    'mongodb://[::1]:27017/',
    'mongodb+srv://user:secret@cluster0.abcde.mongodb.net/?retryWrites=true&w=majority&appName=Cluster0',
    'mongodb+srv://cluster0.abcde.mongodb.net',
    'mongodb://%2Ftmp%2Fmongodb-27017.sock/?tlsCertificateKeyFilePassword=abc%3D=&',
  ])('should accept %s', (uri) => {
    // Act
    const problem = mongodbUriProblem(uri);

    // Assert
    expect(problem).toBeUndefined();
  });

  it.each([
    { uri: 'postgres://db', problem: 'must start with mongodb:// or mongodb+srv://' },
    { uri: 'mongodb+srv://user:secret-pw@/message-db', problem: 'names no host' },
    { uri: 'mongodb://', problem: 'names no host' },
    { uri: 'mongodb+srv://user:secret-pw@cluster0.abcde.mongodb.net:27017/', problem: 'names its host without a port' },
    { uri: 'mongodb+srv://a.example.net,b.example.net/', problem: 'names one host' },
    { uri: 'mongodb+srv://user:secret@pw@cluster0.abcde.mongodb.net/', problem: 'unescaped characters' },
    { uri: 'mongodb://user:se:cret@db:27017/', problem: 'unescaped characters' },
    { uri: 'mongodb://user:%E0%A4%A@db/', problem: 'malformed percent-encoding' },
    { uri: 'mongodb://:secret@db/', problem: 'empty user name' },
    { uri: 'mongodb://db:99999/', problem: 'port outside 1-65535' },
    { uri: 'mongodb://db:port/', problem: 'not host or host:port' },
    { uri: 'mongodb+srv://cluster0.abcde.mongodb.net/?w=', problem: 'option without a value' },
    { uri: 'mongodb://db/?retryWrites', problem: 'option without a value' },
  ])('should say "$problem" when the URI is $uri', ({ uri, problem }) => {
    // Act
    const found = mongodbUriProblem(uri);

    // Assert
    expect(found).toContain(problem);
  });

  it('should never repeat any part of the URI when it refuses one', () => {
    // Arrange
    const uris = [
      'mongodb+srv://ursula:hunter2-pw@/inboxes',
      'mongodb+srv://ursula:hunter2-pw@clusterq.example.net:1/',
      'mongodb://ursula:hunter2@pw@clusterq/',
    ];

    // Act
    const problems = uris.map(mongodbUriProblem);

    // Assert
    for (const problem of problems) {
      expect(problem).toBeDefined();
      expect(problem).not.toMatch(/ursula|hunter2|clusterq|inboxes|example/);
    }
  });
});
