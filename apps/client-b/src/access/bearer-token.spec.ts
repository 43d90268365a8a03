import { checkToken, tokensMatch, bearerTokenOf } from './bearer-token';

const TOKEN = 'a'.repeat(32);

describe(tokensMatch.name, () => {
  it.each([
    { presented: TOKEN, expected: TOKEN, match: true },
    { presented: `${TOKEN}b`, expected: TOKEN, match: false },
    { presented: TOKEN.slice(1), expected: TOKEN, match: false },
    { presented: '', expected: TOKEN, match: false },
    { presented: 'A'.repeat(32), expected: TOKEN, match: false },
    { presented: 'é'.repeat(16), expected: 'é'.repeat(16), match: true },
  ])(
    'should answer $match when $presented.length characters are compared with $expected.length',
    ({ presented, expected, match }) => {
      expect(tokensMatch(presented, expected)).toBe(match);
    },
  );
});

describe(checkToken.name, () => {
  it.each([
    { expected: undefined, presented: undefined, check: 'open' },
    { expected: undefined, presented: 'anything', check: 'open' },
    { expected: TOKEN, presented: undefined, check: 'missing' },
    { expected: TOKEN, presented: '', check: 'missing' },
    { expected: TOKEN, presented: 'wrong', check: 'wrong' },
    { expected: TOKEN, presented: TOKEN, check: 'allowed' },
  ])('should answer $check when $presented is presented for $expected', ({ expected, presented, check }) => {
    expect(checkToken(expected, presented)).toBe(check);
  });
});

describe(bearerTokenOf.name, () => {
  it.each([
    { header: `Bearer ${TOKEN}`, token: TOKEN },
    { header: `bearer ${TOKEN}`, token: TOKEN },
    { header: `Bearer   ${TOKEN} `, token: TOKEN },
    { header: `Basic ${TOKEN}`, token: undefined },
    { header: 'Bearer', token: undefined },
    { header: 'Bearer two words', token: undefined },
    { header: undefined, token: undefined },
    { header: [`Bearer ${TOKEN}`], token: undefined },
  ])('should read $token when the header is $header', ({ header, token }) => {
    expect(bearerTokenOf(header)).toBe(token);
  });
});
