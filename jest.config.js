// Two projects: unit specs beside the code (pure logic, fakes of our own
// interfaces) and end-to-end specs against the real broker and database.
const moduleNameMapper = {
  '^@app/(kafka|contracts|config|http|mongo|metrics|redis|logging)$': '<rootDir>/libs/$1/src',
  '^@app/(kafka|contracts|config|http|mongo|metrics|redis|logging)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
// Type checking is `tsc --noEmit` in `npm test`; here transpiling is enough.
const transform = { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] };

module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
      moduleNameMapper,
      transform,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      moduleNameMapper,
      transform,
      slowTestThreshold: 60,
    },
  ],
};
