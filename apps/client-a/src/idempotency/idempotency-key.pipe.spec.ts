import { RequestValidationError } from '@app/http';
import { IdempotencyKeyPipe } from './idempotency-key.pipe';

describe(IdempotencyKeyPipe.name, () => {
  const pipe = new IdempotencyKeyPipe();

  it.each([
    { label: 'absent', key: undefined },
    { label: 'one character', key: 'k' },
    { label: 'a UUID', key: '3f6c2a8e-5b7d-4c1a-9e2f-0a1b2c3d4e5f' },
    { label: '128 characters', key: 'k'.repeat(128) },
    { label: 'punctuation only', key: '!#$%&*+/:;<=>?@[]^_`{|}~' },
  ])('should pass the key through when it is $label', ({ key }) => {
    expect(pipe.transform(key)).toBe(key);
  });

  it.each([
    { label: 'empty', key: '' },
    { label: '129 characters', key: 'k'.repeat(129) },
    { label: 'holding a space', key: 'two words' },
    { label: 'two headers joined by a comma', key: 'a, b' },
    { label: 'holding a tab', key: 'a\tb' },
    { label: 'not ASCII', key: 'clé' },
  ])('should refuse the key naming the header when it is $label', ({ key }) => {
    expect(() => pipe.transform(key)).toThrow(RequestValidationError);
    expect(() => pipe.transform(key)).toThrow('Invalid Idempotency-Key header');
  });
});
