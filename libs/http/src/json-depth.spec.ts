import { jsonDepth } from './json-depth';

describe(jsonDepth.name, () => {
  it.each([
    { text: '"plain"', expected: 0 },
    { text: '42', expected: 0 },
    { text: '{}', expected: 1 },
    { text: '{"a":{"b":[1,[2]]}}', expected: 4 },
    { text: '[[],[],[]]', expected: 2 },
    { text: '{"a":"{[{[{["}', expected: 1 },
    { text: '{"a":"quote \\" then [[["}', expected: 1 },
    { text: '{"a":"backslash \\\\","b":[[1]]}', expected: 3 },
    { text: '['.repeat(5000) + ']'.repeat(5000), expected: 5000 },
  ])('should answer $expected when the text is $text', ({ text, expected }) => {
    expect(jsonDepth(text)).toBe(expected);
  });
});
