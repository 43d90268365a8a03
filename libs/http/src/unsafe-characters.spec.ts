import { escapeUnsafeCharacters, unsafeCharacter } from './unsafe-characters';

describe(unsafeCharacter.name, () => {
  it.each([
    { label: 'a lone high surrogate', value: 'a\ud800b', expected: 'a lone UTF-16 surrogate (U+D800)' },
    { label: 'a high surrogate at the end', value: 'ab\udbff', expected: 'a lone UTF-16 surrogate (U+DBFF)' },
    { label: 'a lone low surrogate', value: '\udc00ab', expected: 'a lone UTF-16 surrogate (U+DC00)' },
    {
      label: 'two high surrogates then a low one',
      value: '\ud800\ud83d\ude00',
      expected: 'a lone UTF-16 surrogate (U+D800)',
    },
    {
      label: 'a pair then a stray low surrogate',
      value: '\ud83d\ude00\ude00',
      expected: 'a lone UTF-16 surrogate (U+DE00)',
    },
    { label: 'a NUL', value: 'a\u0000b', expected: 'control character U+0000' },
    { label: 'a form feed', value: 'a\fb', expected: 'control character U+000C' },
    { label: 'an escape', value: '\u001b[31mred', expected: 'control character U+001B' },
    { label: 'a DEL', value: 'a\u007f', expected: 'control character U+007F' },
    { label: 'a C1 control', value: 'a\u0085', expected: 'control character U+0085' },
    { label: 'the last C1 control', value: '\u009f', expected: 'control character U+009F' },
  ])('should name $expected when the string holds $label', ({ value, expected }) => {
    expect(unsafeCharacter(value)).toBe(expected);
  });

  it.each([
    { label: 'plain ASCII', value: 'hello' },
    { label: 'an empty string', value: '' },
    { label: 'tab, newline and carriage return', value: 'a\tb\nc\r\n' },
    { label: 'emoji (surrogate pairs)', value: '😀👍🏽🇫🇷' },
    { label: 'accented letters', value: 'café, naïve, Ærø' },
    { label: 'a no-break space after the C1 range', value: 'a\u00a0b' },
    { label: 'CJK and the last BMP characters', value: '漢字\ufffd\uffff' },
  ])('should answer undefined when the string holds $label', ({ value }) => {
    expect(unsafeCharacter(value)).toBeUndefined();
  });
});

describe(escapeUnsafeCharacters.name, () => {
  it.each([
    { value: 'from', expected: 'from' },
    { value: 'a\u0000b', expected: 'a\\u0000b' },
    { value: '\ud800x\u0085', expected: '\\ud800x\\u0085' },
    { value: 'ok😀\t', expected: 'ok😀\t' },
  ])('should write $expected when the string is $value', ({ value, expected }) => {
    expect(escapeUnsafeCharacters(value)).toBe(expected);
  });
});
