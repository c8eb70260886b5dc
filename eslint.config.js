// One flat config for the whole workspace: type-aware rules stay off so linting needs no build.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.d.ts', '.tools/**', '.vitest/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Everything here runs on Node.js: scripts, examples, benchmarks, tests and the packages themselves.
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Library code never writes to the console: it takes a logger.
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/*/src/bin/**'],
    rules: { 'no-console': 'error' },
  },
);
