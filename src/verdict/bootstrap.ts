// verdict/ (layer 8): a confidence interval for a saving by the bootstrap: resample the units (sessions, keys)
// with replacement, recompute the saving on each resample, take the percentiles. Seeded: the same input and
// seed give the same interval.
import { ALEA_MULTIPLIER, TWO_TO_MINUS_32, type Rng } from '../workload/rng.js';

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
 * 1,000 resamples of 100,000 sessions are 10^8 draws: the draws are stepped here in local variables
 * (workload/rng.ts AleaState, the very numbers `rng.next()` gives), and each unit's two costs sit side by side
 * so that a draw reads one cache line. The sums add the same numbers in the same order as a plain loop over
 * `rng.next()` (test/verdict/bootstrap.test.ts), so the interval is the same to the last bit.
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
  let { s0, s1, s2, c } = rng.state();
  // Locals, not the imported bindings: a module binding is re-read (and checked) on every use in the loop.
  const multiplier = ALEA_MULTIPLIER;
  const fraction = TWO_TO_MINUS_32;
  for (let b = 0; b < resamples; b++) {
    let costSum = 0;
    let baseSum = 0;
    for (let i = 0; i < units; i++) {
      const t = multiplier * s0 + c * fraction;
      s0 = s1;
      s1 = s2;
      c = t | 0;
      s2 = t - c;
      const at = 2 * Math.floor(s2 * units);
      costSum += pairs[at];
      baseSum += pairs[at + 1];
    }
    savings[b] = baseSum === 0 ? 0 : 1 - costSum / baseSum;
  }
  rng.resume({ s0, s1, s2, c });
  savings.sort();
  const at = (q: number) => savings[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))];
  return { ci: [at(0.025), at(0.975)], units, resamples };
}
