// One flat config for the whole workspace: type-aware rules stay off so linting needs no build.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Library code never writes to the console: it takes a logger.
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/*/src/bin/**', 'packages/*/src/cli.ts'],
    rules: { 'no-console': 'error' },
  },
);
