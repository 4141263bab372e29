// verdict/ (layer 9): a confidence interval for a saving by the bootstrap: resample the units (sessions, keys)
// with replacement, recompute the saving on each resample, take the percentiles. Seeded: the same input and
// seed give the same interval.
import type { Rng } from '../workload/rng.js';
import { resampleSavings } from './resample.js';

export interface BootstrapResult {
  /** 95% percentile interval of the saving (1 − cost / baseline). */
  readonly ci: readonly [number, number];
  readonly units: number;
  readonly resamples: number;
}

/**
 * `cost[u]` and `baseline[u]` are what unit u cost under the candidate and under the baseline. Returns
 * null with fewer than two units (nothing to resample).
 *
 * The draws are `rng`'s own (resample.ts steps the generator inline and hands its state back), and each
 * resample's sums add the same numbers in the same order as a plain loop over `rng.next()` would, so the
 * interval is the same to the last bit (test/verdict/bootstrap.test.ts).
 */
export function bootstrapSaving(
  cost: readonly number[],
  baseline: readonly number[],
  rng: Rng,
  resamples = 1000,
): BootstrapResult | null {
  const units = cost.length;
  if (units < 2) return null;
  const pairs = new Float64Array(2 * units);
  for (let u = 0; u < units; u++) {
    pairs[2 * u] = cost[u];
    pairs[2 * u + 1] = baseline[u];
  }
  const savings = new Float64Array(resamples);
  rng.resume(resampleSavings(pairs, rng.state(), savings, 0, resamples));
  savings.sort();
  const at = (q: number) => savings[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))];
  return { ci: [at(0.025), at(0.975)], units, resamples };
}
