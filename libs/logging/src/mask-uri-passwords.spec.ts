import { maskUriPasswords, passwordsInUri } from './mask-uri-passwords';

describe(maskUriPasswords.name, () => {
  it.each([
    { uri: 'mongodb://app:s3cret@127.0.0.1:27017/', masked: 'mongodb://app:***@127.0.0.1:27017/' },
    {
      uri: 'mongodb+srv://app:p%40ss%2Fw0rd@cluster0.example.net/message-db?retryWrites=true',
      masked: 'mongodb+srv://app:***@cluster0.example.net/message-db?retryWrites=true',
    },
    { uri: 'mongodb://:onlypassword@host/', masked: 'mongodb://:***@host/' },
    { uri: 'mongodb://h1:27017,h2:27017/?replicaSet=rs', masked: 'mongodb://h1:27017,h2:27017/?replicaSet=rs' },
    { uri: 'mongodb://user@host/', masked: 'mongodb://user@host/' },
    { uri: 'redis://default:tok3n@cache:6379', masked: 'redis://default:***@cache:6379' },
    { uri: 'mongodb://app:un@escaped@host/', masked: 'mongodb://app:***@host/' },
    { uri: 'mongodb://app:un/escaped@host/', masked: 'mongodb://app:***@host/' },
  ])('should turn $uri into $masked', ({ uri, masked }) => {
    expect(maskUriPasswords(uri)).toBe(masked);
  });

  it('should mask every URI when a text holds several, and leave the rest of the text alone', () => {
    const text = 'could not reach "mongodb://a:one@h1/" nor mongodb://b:two@h2/ at 10:42';

    expect(maskUriPasswords(text)).toBe('could not reach "mongodb://a:***@h1/" nor mongodb://b:***@h2/ at 10:42');
  });
});

describe(passwordsInUri.name, () => {
  it.each([
    { uri: 'mongodb://app:s3cret@127.0.0.1:27017/', passwords: ['s3cret'] },
    { uri: 'mongodb+srv://app:p%40ss@cluster0.example.net/', passwords: ['p%40ss', 'p@ss'] },
    { uri: 'mongodb://app:un/escaped@host/', passwords: ['un/escaped'] },
    { uri: 'mongodb://app:bad%zz@host/', passwords: ['bad%zz'] },
    { uri: 'mongodb://127.0.0.1:27017/', passwords: [] },
    { uri: 'mongodb://user@host/', passwords: [] },
    { uri: 'mongodb://user:@host/', passwords: [] },
    { uri: 'not a uri', passwords: [] },
  ])('should find $passwords in $uri', ({ uri, passwords }) => {
    expect(passwordsInUri(uri)).toEqual(passwords);
  });
});
