import { defineConfig } from 'vitest/config';

// One config for the workspace: each package's own tests and the workspace-wide checks under test/.
// Suites import the packages' built `dist/`, so `tsc -b` runs first (scripts/workspace.mjs does it).
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    // One test file at a time. Many suites prove the 5/s quota by counting arrivals at the emulator, and a busy
    // neighbour file (a Pulumi engine run, a Go or Python build) can delay a process past its quota slot on a
    // 2-core machine. Most files wait on the quota rather than the CPU, so running them in sequence costs little
    // (the sum of the files' durations was within a minute of the parallel run's wall time when measured).
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
