// verdict/ (layer 9): a confidence interval for a saving by the bootstrap: resample the units (sessions, keys)
// with replacement, recompute the saving on each resample, take the percentiles. Seeded: the same input and
// seed give the same interval.
import type { AleaState, Rng } from '../workload/rng.js';
import { aleaJump } from '../workload/alea-jump.js';
import { resampleSavings } from './resample.js';

export interface BootstrapResult {
  /** 95% percentile interval of the saving (1 − cost / baseline). */
  readonly ci: readonly [number, number];
  readonly units: number;
  readonly resamples: number;
}

/**
 * Starts `count` resamples of `pairs` (resample.ts's layout) from `state` somewhere else, a thread of the
 * CLI's (cli/resample-thread.ts): this folder starts none. Returns null when it cannot start; else a join
 * that waits for the savings, null from it when the other side failed (the caller then makes them itself).
 */
export type ResampleOffload = (
  pairs: Float64Array,
  state: AleaState,
  count: number,
) => (() => Float64Array | null) | null;

/**
 * Draws below which the bootstrap is not split: starting a thread costs about 35 ms, and 2·10^7 draws take
 * about 75 ms here (1,000 resamples of 20,000 sessions), so below it the other thread's share would not pay for it.
 */
export const OFFLOAD_MIN_DRAWS = 20_000_000;

/** The share of the resamples the calling thread keeps when it offloads the rest (both end together at 10^8 draws). */
const OWN_SHARE = 0.55;

let offload: ResampleOffload | null = null;

/** Lets the bootstrap hand part of its resamples to `to` (null: none); the CLI sets it once at start. */
export function offloadResamplesTo(to: ResampleOffload | null): void {
  offload = to;
}

/**
 * `cost[u]` and `baseline[u]` are what unit u cost under the candidate and under the baseline. Returns
 * null with fewer than two units (nothing to resample).
 *
 * The draws are `rng`'s own (resample.ts steps the generator inline and hands its state back), and each
 * resample's sums add the same numbers in the same order as a plain loop over `rng.next()` would, so the
 * interval is the same to the last bit (test/verdict/bootstrap.test.ts). That holds when the later resamples
 * are made elsewhere too: it starts from the state the stream reaches at its first draw.
 */
export function bootstrapSaving(
  cost: readonly number[],
  baseline: readonly number[],
  rng: Rng,
  resamples = 1000,
  minOffloadDraws = OFFLOAD_MIN_DRAWS,
): BootstrapResult | null {
  const units = cost.length;
  if (units < 2) return null;
  const pairs = new Float64Array(2 * units);
  for (let u = 0; u < units; u++) {
    pairs[2 * u] = cost[u];
    pairs[2 * u + 1] = baseline[u];
  }
  const savings = new Float64Array(resamples);
  const state = rng.state();
  // A little over half here: the other thread starts about 40 ms late (cli/resample-thread.ts).
  const mine = Math.ceil(resamples * OWN_SHARE);
  const join =
    offload !== null && mine < resamples && units * resamples >= minOffloadDraws
      ? offload(pairs, aleaJump(state, mine * units), resamples - mine)
      : null;
  if (join === null) rng.resume(resampleSavings(pairs, state, savings, 0, resamples));
  else {
    const after = resampleSavings(pairs, state, savings, 0, mine);
    const theirs = join();
    if (theirs === null) rng.resume(resampleSavings(pairs, after, savings, mine, resamples));
    else {
      savings.set(theirs, mine);
      rng.resume(aleaJump(state, resamples * units));
    }
  }
  savings.sort();
  const at = (q: number) => savings[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))];
  return { ci: [at(0.025), at(0.975)], units, resamples };
}
