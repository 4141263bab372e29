// verdict/ (layer 8): a confidence interval for a saving by the bootstrap: resample the units (sessions, keys)
// with replacement, recompute the saving on each resample, take the percentiles. Seeded: the same input and
// seed give the same interval.
import type { Rng } from '../workload/rng.js';

export interface BootstrapResult {
  /** 95% percentile interval of the saving (1 − cost / baseline). */
  readonly ci: readonly [number, number];
  readonly units: number;
  readonly resamples: number;
}

/**
 * `cost[u]` and `baseline[u]` are what unit u cost under the candidate and under the baseline. Returns
 * null with fewer than two units (nothing to resample).
 */
export function bootstrapSaving(
  cost: readonly number[],
  baseline: readonly number[],
  rng: Rng,
  resamples = 1000,
): BootstrapResult | null {
  const units = cost.length;
  if (units < 2) return null;
  const savings = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let c = 0;
    let base = 0;
    for (let i = 0; i < units; i++) {
      const u = Math.floor(rng.next() * units);
      c += cost[u];
      base += baseline[u];
    }
    savings[b] = base === 0 ? 0 : 1 - c / base;
  }
  savings.sort();
  const at = (q: number) => savings[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))];
  return { ci: [at(0.025), at(0.975)], units, resamples };
}
