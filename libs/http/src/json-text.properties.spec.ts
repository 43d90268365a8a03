import fc from 'fast-check';
import { jsonDepth } from './strict-json.parser';
import { jsonTextRefusal } from './json-text-refusal';

// JSON values whose strings are plain text: what a request may hold.
// eslint-disable-next-line no-control-regex -- control characters are what this pattern excludes
const SAFE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff]*$/;
const text = fc.string({ maxLength: 20 }).filter((value) => SAFE.test(value));
const value = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('json'), { maxLength: 4 }),
    fc.dictionary(text, tie('json'), { maxKeys: 4 }),
  ),
})).json;

function depthOf(json: unknown): number {
  if (json === null || typeof json !== 'object') return 0;
  const children = Array.isArray(json) ? json : Object.values(json);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('strict JSON text checks (properties)', () => {
  it('should refuse nothing when the text is JSON of plain strings without repeated keys', () => {
    fc.assert(fc.property(value, (json) => expect(jsonTextRefusal(JSON.stringify(json))).toBeUndefined()));
  });

  it('should measure the depth JSON.parse builds when given any JSON text', () => {
    fc.assert(fc.property(value, (json) => expect(jsonDepth(JSON.stringify(json))).toBe(depthOf(json))));
  });

  it('should refuse a key given twice when an object repeats one at any depth', () => {
    const repeated = fc
      .tuple(text, fc.jsonValue(), fc.jsonValue(), fc.integer({ min: 0, max: 5 }))
      .map(([key, first, second, depth]) => {
        const inner = `{${JSON.stringify(key)}:${JSON.stringify(first)},${JSON.stringify(key)}:${JSON.stringify(second)}}`;
        return `${'{"a":['.repeat(depth)}${inner}${']}'.repeat(depth)}`;
      });
    fc.assert(
      fc.property(repeated, (json) => expect(jsonTextRefusal(json)?.reasons[0]).toMatch(/is given more than once$/)),
    );
  });

  it('should refuse a string when it holds a control character or a lone surrogate', () => {
    const unsafe = fc
      .tuple(text, fc.constantFrom('\u0000', '\u001b', '\u007f', '\u0085', '\ud800', '\udfff'), text)
      .map(([before, char, after]) => ({
        message: `${before}${char}${after}`,
      }));
    fc.assert(fc.property(unsafe, (json) => expect(jsonTextRefusal(JSON.stringify(json))?.field).toBe('message')));
  });
});
