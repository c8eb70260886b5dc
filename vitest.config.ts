import { defineConfig } from 'vitest/config';

// One config for the workspace: each package's own tests and the workspace-wide checks under test/.
// Suites import the packages' built `dist/`, so `tsc -b` runs first (scripts/workspace.mjs does it).
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
