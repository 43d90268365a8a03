import { isCanonicalUuid, isDateMs, isRealInstant, MAX_DATE_MS } from './strict-values';

describe('strict values', () => {
  describe(isRealInstant.name, () => {
    it.each([
      { value: '2024-01-01T00:00:00Z', real: true },
      { value: '2024-01-01T10:00:00.000Z', real: true },
      { value: '2024-02-29T23:59:59.999Z', real: true },
      { value: '2000-02-29T00:00:00Z', real: true },
      { value: '2024-06-30T12:00:00+05:30', real: true },
      { value: '0000-01-01T00:00:00Z', real: true },
      { value: '2024-13-01T00:00:00Z', real: false },
      { value: '2024-00-10T00:00:00Z', real: false },
      { value: '2024-01-00T00:00:00Z', real: false },
      { value: '2024-01-32T00:00:00Z', real: false },
      { value: '2023-02-29T00:00:00Z', real: false },
      { value: '1900-02-29T00:00:00Z', real: false },
      { value: '2024-04-31T00:00:00Z', real: false },
      { value: '2024-01-01T24:00:00Z', real: false },
      { value: '2024-01-01T23:60:00Z', real: false },
      { value: '2024-01-01T23:59:60Z', real: false },
      { value: '2024-01-01T00:00:00+24:00', real: false },
      { value: '2024-01-01T00:00:00+05:60', real: false },
      { value: '2024-01-01', real: false },
      { value: '2024-01-01T00:00:00', real: false },
      { value: '20240101T000000Z', real: false },
      { value: '2024-W01-1', real: false },
      { value: ' 2024-01-01T00:00:00Z', real: false },
      { value: `2024-01-01T00:00:00Z${'0'.repeat(10_000)}`, real: false },
      { value: 20240101, real: false },
      { value: null, real: false },
    ])('should answer $real for $value', ({ value, real }) => {
      expect(isRealInstant(value)).toBe(real);
    });
  });

  describe(isCanonicalUuid.name, () => {
    it.each([
      { value: '3f6c2a8e-5b7d-4c1a-9e2f-0a1b2c3d4e5f', canonical: true },
      { value: '00000000-0000-0000-0000-000000000000', canonical: true },
      { value: '3F6C2A8E-5B7D-4C1A-9E2F-0A1B2C3D4E5F', canonical: false },
      { value: '3f6c2a8e-5b7d-4c1a-9e2f-0a1b2c3d4e5F', canonical: false },
      { value: '{3f6c2a8e-5b7d-4c1a-9e2f-0a1b2c3d4e5f}', canonical: false },
      { value: '3f6c2a8e5b7d4c1a9e2f0a1b2c3d4e5f', canonical: false },
      { value: '3f6c2a8e-5b7d-4c1a-9e2f-0a1b2c3d4e5f\n', canonical: false },
      { value: 'g f6c2a8e-5b7d-4c1a-9e2f-0a1b2c3d4e5f', canonical: false },
      { value: '', canonical: false },
      { value: undefined, canonical: false },
    ])('should answer $canonical for $value', ({ value, canonical }) => {
      expect(isCanonicalUuid(value)).toBe(canonical);
    });
  });

  describe(isDateMs.name, () => {
    it.each([
      { ms: 0, fits: true },
      { ms: -1, fits: true },
      { ms: MAX_DATE_MS, fits: true },
      { ms: -MAX_DATE_MS, fits: true },
      { ms: MAX_DATE_MS + 1, fits: false },
      { ms: Number('9223372036854775807'), fits: false },
      { ms: NaN, fits: false },
      { ms: 1.5, fits: false },
    ])('should answer $fits for $ms', ({ ms, fits }) => {
      expect(isDateMs(ms)).toBe(fits);
      if (fits) expect(() => new Date(ms).toISOString()).not.toThrow();
    });
  });
});
