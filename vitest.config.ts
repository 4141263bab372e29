import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Tests run on shared 2-core machines, sometimes under load: a unit test's budget is generous, and the heavy
// end-to-end cases (CLI child processes, the browser, sweeps, the 100 MB line) set their own larger timeouts.
//
// Measured on 2 idle cores (540 tests, 44 files), wall time of `vitest run`:
//   forks, isolated, 1 worker (vitest's default there: cores − 1)   63 s
//   threads, isolated, 1 worker                                     58 s
//   forks, not isolated, 1 worker                                   40 s
//   forks, isolated, 2 workers                                      80 s (every file re-imports the CLI, vega…)
//   forks, not isolated, 3 workers                                  29–32 s
//   threads, not isolated, 2 workers                                28–29 s
//   forks, not isolated, 2 workers                                  27–28 s
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Forked workers: each has its own heap, so a heavy file cannot starve another's GC, and a file that
    // spawns processes (bin/, Chromium) does so from a plain process.
    pool: 'forks',
    // A worker runs its files one after another in one module graph, so src/, yargs, vega and vega-lite are
    // loaded once a worker instead of once a file (import time 14 s → 4 s). Safe here: no test stubs
    // globals, mocks modules, changes the working directory or process.env (the CLI tests pass env and cwd
    // to main() explicitly); keep it that way.
    isolate: false,
    // Two workers even on two cores: one is often waiting on a child process, Chromium or the disk.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
