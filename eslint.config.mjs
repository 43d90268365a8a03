// ESLint: type-aware typescript-eslint rules for the services, libraries and e2e tests; the
// recommended JavaScript rules for the Node scripts and the live page's browser scripts.
// Formatting is Prettier's alone: eslint-config-prettier, last, turns off the rules it owns.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// `_name` for a parameter a signature needs but the body does not; `{ drop: _, ...kept }` to leave a field out.
const UNUSED_VARS = ['error', { argsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }];

export default defineConfig(
  { ignores: ['dist/', 'coverage/', '.infra/', 'bench-results/', 'test-artifacts/'] },
  // A disable comment that no longer silences anything fails the run, so none outlives its reason.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
    rules: { 'no-unused-vars': UNUSED_VARS },
  },
  { files: ['**/*.cjs', 'jest.config.js'], languageOptions: { sourceType: 'commonjs' } },
  {
    // Served as they are, with no build step: classic scripts that <script> tags load.
    files: ['apps/client-b/src/web/public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, io: 'readonly' } },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-unused-vars': UNUSED_VARS },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      // Jest's asymmetric matchers (`expect.any(String)`) are typed `any` so they can stand in for any value.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // Hand-written fakes implement our async interfaces with `async` methods that need no `await`.
      '@typescript-eslint/require-await': 'off',
    },
  },
  prettier,
);
