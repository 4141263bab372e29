// The verdict's bootstrap alone, as the CLI makes it (its later resamples on a second thread,
// cli/resample-thread.ts): 1,000 resamples of `units` sessions, best of `repeats`, in this process.
import { bootstrapSaving, offloadResamplesTo } from '../../dist/verdict/bootstrap.js';
import { resampleOnThread } from '../../dist/cli/resample-thread.js';
import { createRng } from '../../dist/workload/rng.js';

/** Seconds of the best run. */
export function bootstrapSeconds(units, repeats) {
  const data = createRng('bench/bootstrap');
  const cost = Array.from({ length: units }, () => data.next() * 3);
  const baseline = Array.from({ length: units }, () => data.next() * 4 + 0.5);
  offloadResamplesTo(resampleOnThread);
  let best = Infinity;
  try {
    for (let r = 0; r < repeats; r++) {
      const started = process.hrtime.bigint();
      bootstrapSaving(cost, baseline, createRng(1).fork('verdict/bootstrap'));
      best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
    }
  } finally {
    offloadResamplesTo(null);
  }
  return best;
}
