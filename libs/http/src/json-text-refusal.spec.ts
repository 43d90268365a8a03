import { jsonTextRefusal, escapeUnsafeCharacters, unsafeCharacter } from './json-text-refusal';

describe(jsonTextRefusal.name, () => {
  it.each([
    {
      label: 'a top-level key is given twice',
      text: '{"from":"a","from":"b","to":"b"}',
      field: 'from',
      reason: 'from is given more than once',
    },
    {
      label: 'a duplicate is spelled with an escape',
      text: '{"from":"a","\\u0066rom":"b"}',
      field: 'from',
      reason: 'from is given more than once',
    },
    {
      label: 'a nested key is given twice',
      text: '{"to":{"$ne":1,"$ne":2}}',
      field: 'to.$ne',
      reason: 'to.$ne is given more than once',
    },
    {
      label: 'a key is given twice inside an array',
      text: '{"m":[1,{"a":1,"a":2}]}',
      field: 'm.1.a',
      reason: 'm.1.a is given more than once',
    },
    {
      label: 'a key is given twice 16 levels deep',
      text: `${'{"a":'.repeat(15)}{"b":1,"b":2}${'}'.repeat(15)}`,
      field: `${'a.'.repeat(15)}b`,
      reason: `${'a.'.repeat(15)}b is given more than once`,
    },
    {
      label: 'a value holds a lone high surrogate escape',
      text: '{"message":"hi \\ud800"}',
      field: 'message',
      reason: 'message holds a lone UTF-16 surrogate (U+D800)',
    },
    {
      label: 'a value holds a lone low surrogate escape',
      text: '{"message":"\\udc00 hi"}',
      field: 'message',
      reason: 'message holds a lone UTF-16 surrogate (U+DC00)',
    },
    {
      label: 'a value holds an escaped NUL',
      text: '{"message":"a\\u0000b"}',
      field: 'message',
      reason: 'message holds control character U+0000',
    },
    {
      label: 'a value holds an escaped backspace',
      text: '{"message":"a\\bb"}',
      field: 'message',
      reason: 'message holds control character U+0008',
    },
    {
      label: 'a value holds a raw DEL',
      text: '{"message":"a\u007fb"}',
      field: 'message',
      reason: 'message holds control character U+007F',
    },
    {
      label: 'a value holds a raw C1 control',
      text: '{"message":"a\u0085b"}',
      field: 'message',
      reason: 'message holds control character U+0085',
    },
    {
      label: 'an array element holds a NUL',
      text: '{"message":["ok","a\\u0000"]}',
      field: 'message.1',
      reason: 'message.1 holds control character U+0000',
    },
    {
      label: 'a key holds a NUL',
      text: '{"a\\u0000":1}',
      field: 'a\\u0000',
      reason: 'a\\u0000 holds control character U+0000',
    },
  ])('should name $field when $label', ({ text, field, reason }) => {
    expect(jsonTextRefusal(text)).toEqual({ field, reasons: [reason] });
  });

  it.each([
    { label: 'the body is the usual message', text: '{"from":"clientA","to":"clientB","message":"hi"}' },
    { label: 'two sibling objects have the same keys', text: '{"a":{"x":1},"b":{"x":2},"c":[{"x":1},{"x":2}]}' },
    { label: 'a key equals a value', text: '{"from":"from","to":"from"}' },
    { label: 'a string holds quotes, braces and commas', text: '{"a":"\\"from\\":1,{\\"a\\"","b":"}],"}' },
    { label: 'a string ends in an escaped backslash', text: '{"a":"x\\\\","b":"y"}' },
    { label: 'a value holds escaped tab, newline and carriage return', text: '{"message":"a\\tb\\nc\\r\\n"}' },
    { label: 'a value holds emoji as escaped surrogate pairs', text: '{"message":"\\ud83d\\ude00"}' },
    { label: 'a value holds raw emoji and accented letters', text: '{"message":"😀 café naïve 👍🏽"}' },
    { label: 'the object is empty', text: '{}' },
  ])('should answer undefined when $label', ({ text }) => {
    expect(jsonTextRefusal(text)).toBeUndefined();
  });

  it('should scan a 64 KiB body of many keys in well under a second', () => {
    const text = `{${Array.from({ length: 8000 }, (_, index) => `"k${index}":"v"`).join(',')}}`;

    const started = Date.now();
    const refusal = jsonTextRefusal(text);

    expect(refusal).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

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
