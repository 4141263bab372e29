import { defineConfig } from 'vitest/config';

// Tests run on shared 2-core machines, sometimes under load: a unit test's budget is generous, and the few
// heavy end-to-end cases (CLI child processes, the browser, sweeps) set their own larger timeouts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Files run in forked workers: each has its own heap, so a heavy file cannot starve another's GC.
    pool: 'forks',
  },
});
