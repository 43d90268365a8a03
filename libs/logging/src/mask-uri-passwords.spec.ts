import fc from 'fast-check';
import { MASKED_PASSWORD, maskUriPasswords, passwordsInUri } from './mask-uri-passwords';

// The rule as a regular expression: what maskUriPasswords did before, quadratic on long runs,
// so a fair judge on short texts only.
const REFERENCE_PATTERN = /([A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s:/?#@"']*:)[^\s"']*@/g;
const reference = (text: string) => text.replace(REFERENCE_PATTERN, `$1${MASKED_PASSWORD}@`);

/** Short texts made of the pieces that matter to the rule, so URIs (and near misses) are frequent. */
const uriLikeText = fc
  .array(
    fc.constantFrom(
      '://',
      'a',
      'Zb',
      '1',
      '+',
      '.',
      '-',
      ':',
      '@',
      '/',
      '?',
      '#',
      ' ',
      '\t',
      '"',
      "'",
      '\u00a0',
      'é',
      'x@y',
    ),
    {
      maxLength: 30,
    },
  )
  .map((pieces) => pieces.join(''));

const fromCharacters = (characters: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...characters), minLength, maxLength });
const uri = fc.record({
  scheme: fc
    .tuple(fromCharacters('abcxyzABC', 1, 1), fromCharacters('az09+.-', 0, 8))
    .map(([first, rest]) => first + rest),
  user: fromCharacters('abuser09._~%-!$&()*+,;=', 0, 10),
  // Any password without an "@", spaces or quotes: ":" and "/" included.
  password: fromCharacters('pasword09:/?#[]%!$&()*+,;=~._-', 1, 20),
  host: fromCharacters('abcdefghij0123456789.', 1, 15),
});

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
    { uri: '1+://app:pw@host/', masked: '1+://app:pw@host/' },
    { uri: '"mongodb://app:pw"@host/', masked: '"mongodb://app:pw"@host/' },
  ])('should turn $uri into $masked', ({ uri: text, masked }) => {
    expect(maskUriPasswords(text)).toBe(masked);
  });

  it('should mask every URI when a text holds several, and leave the rest of the text alone', () => {
    const text = 'could not reach "mongodb://a:one@h1/" nor mongodb://b:two@h2/ at 10:42';

    expect(maskUriPasswords(text)).toBe('could not reach "mongodb://a:***@h1/" nor mongodb://b:***@h2/ at 10:42');
  });

  it('should agree with the regular expression it replaces when texts are short', () => {
    fc.assert(
      fc.property(uriLikeText, (text) => expect(maskUriPasswords(text)).toBe(reference(text))),
      { numRuns: 5000 },
    );
  });

  it('should mask the password of every scheme://user:pass@host when a text holds them between words', () => {
    const words = fc.array(fromCharacters('lorem ipsum:/-', 0, 12), { maxLength: 4 });
    fc.assert(
      fc.property(fc.array(fc.tuple(words, uri), { minLength: 1, maxLength: 4 }), (pieces) => {
        const text = pieces
          .map(
            ([filler, { scheme, user, password, host }]) =>
              `${filler.join(' ')} ${scheme}://${user}:${password}@${host}`,
          )
          .join(' ');

        const masked = maskUriPasswords(text);

        for (const [, { scheme, user, password, host }] of pieces) {
          expect(masked).toContain(`${scheme}://${user}:${MASKED_PASSWORD}@${host}`);
          expect(masked).not.toContain(`:${password}@`);
        }
      }),
    );
  });

  it('should leave a text as it is when it has no ://', () => {
    const anyText = fc.oneof(fc.string({ unit: 'binary' }), uriLikeText).filter((text) => !text.includes('://'));

    fc.assert(fc.property(anyText, (text) => expect(maskUriPasswords(text)).toBe(text)));
  });

  it('should change nothing more when a masked text is masked again', () => {
    fc.assert(
      fc.property(uriLikeText, (text) => expect(maskUriPasswords(maskUriPasswords(text))).toBe(maskUriPasswords(text))),
    );
  });

  it.each([
    {
      label: 'a megabyte of letters around one ://',
      text: `${'a'.repeat(500_000)}://${'b'.repeat(500_000)}`,
      masked: undefined,
    },
    {
      label: 'a megabyte of letters around one URI with a password',
      text: `${'a'.repeat(500_000)}://u:${'p'.repeat(500_000)}@host`,
      masked: `${'a'.repeat(500_000)}://u:${MASKED_PASSWORD}@host`,
    },
    { label: 'a hundred thousand scheme://user: without an @', text: 'a://b:'.repeat(100_000), masked: undefined },
    {
      label: 'a hundred thousand scheme://user: and one @ at the end',
      text: `${'a://b:'.repeat(100_000)}@host`,
      masked: `a://b:${MASKED_PASSWORD}@host`,
    },
    {
      label: 'a User-Agent of letters, a Referer of http://x/ and an @',
      text: `{"user-agent":"${'Mozilla'.repeat(150_000)}","referer":"http://x/","from":"a@b"}`,
      masked: undefined,
    },
    {
      label: 'a hundred thousand URIs with passwords',
      text: Array.from({ length: 100_000 }, (_, index) => `s://u:p${index}@h`).join(' '),
      masked: Array.from({ length: 100_000 }, () => `s://u:${MASKED_PASSWORD}@h`).join(' '),
    },
  ])('should mask exactly what the rule says when a line is $label', ({ text, masked }) => {
    expect(maskUriPasswords(text)).toBe(masked ?? text);
  });
});

describe(passwordsInUri.name, () => {
  it.each([
    { uri: 'mongodb://app:s3cret@127.0.0.1:27017/', passwords: ['s3cret'] },
    { uri: 'mongodb+srv://app:p%40ss@cluster0.example.net/', passwords: ['p%40ss', 'p@ss'] },
    { uri: 'mongodb://app:un/escaped@host/', passwords: ['un/escaped'] },
    { uri: 'mongodb://app:bad%zz@host/', passwords: ['bad%zz'] },
    { uri: 'redis://:redis-pw@cache:6379', passwords: ['redis-pw'] },
    { uri: 'mongodb://127.0.0.1:27017/', passwords: [] },
    { uri: 'mongodb://user@host/', passwords: [] },
    { uri: 'mongodb://user:@host/', passwords: [] },
    { uri: 'not a uri', passwords: [] },
  ])('should find $passwords in $uri', ({ uri: text, passwords }) => {
    expect(passwordsInUri(text)).toEqual(passwords);
  });
});
