// verdict/ (layer 8): the bootstrap's inner loop (bootstrap.ts): resamples [from, to) of units drawn with
// replacement, each saving 1 − Σcost / Σbaseline. 1,000 resamples of 100,000 sessions are 10^8 draws.
import { ALEA_MULTIPLIER, TWO_TO_MINUS_32, type AleaState } from '../workload/rng.js';

/**
 * `pairs` holds each unit's candidate and baseline cost side by side (a draw reads one cache line);
 * `savings[b]` receives resample b. Alea is stepped here (workload/rng.ts: the very numbers `rng.next()`
 * gives; a call per draw cost as much as the draw); returns the state after.
 */
export function resampleSavings(
  pairs: Float64Array,
  state: AleaState,
  savings: Float64Array,
  from: number,
  to: number,
): AleaState {
  const units = pairs.length / 2;
  // Alea's three words in a ring, `oldest` pointing at s0: rotating three local doubles (s0 = s1; s1 = s2)
  // made the optimised loop box one of them per draw, 16 bytes of garbage and a scavenge per 65,000 draws.
  const words = Float64Array.of(state.s0, state.s1, state.s2);
  let oldest = 0;
  let c = state.c;
  // Locals, not the imported bindings: a module binding is re-read (and checked) on every use in the loop.
  const multiplier = ALEA_MULTIPLIER;
  const fraction = TWO_TO_MINUS_32;
  for (let b = from; b < to; b++) {
    let costSum = 0;
    let baseSum = 0;
    for (let i = 0; i < units; i++) {
      const t = multiplier * words[oldest] + c * fraction;
      c = t | 0;
      const draw = t - c;
      words[oldest] = draw;
      oldest = oldest === 2 ? 0 : oldest + 1;
      const at = 2 * Math.floor(draw * units);
      costSum += pairs[at];
      baseSum += pairs[at + 1];
    }
    savings[b] = baseSum === 0 ? 0 : 1 - costSum / baseSum;
  }
  return { s0: words[oldest], s1: words[(oldest + 1) % 3], s2: words[(oldest + 2) % 3], c };
}
