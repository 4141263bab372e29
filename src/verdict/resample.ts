// verdict/ (layer 9): the bootstrap's inner loop (bootstrap.ts): resamples [from, to) of units drawn with
// replacement, each saving 1 − Σcost / Σbaseline. 1,000 resamples of 100,000 sessions are 10^8 draws.
//
// One Alea draw waits for the previous one's carry (multiply, add, truncate: a chain of ~6 ns), so a single
// stream leaves most of the core idle. The resamples are cut into four consecutive blocks, each started
// from the state Alea reaches at its first draw (workload/alea-jump.ts), and the four streams are stepped
// side by side: the core overlaps their chains. Every resample still adds the same draws in the same
// order, so the savings are the plain loop's to the last bit (test/verdict/bootstrap.test.ts).
import { ALEA_MULTIPLIER, TWO_TO_MINUS_32, type AleaState } from '../workload/rng.js';
import { aleaJump } from '../workload/alea-jump.js';

/** Streams stepped side by side: four overlap the carry chains (eight measured no faster: over 100,000 units
 * the draws' random reads of `pairs` are then what waits). */
const LANES = 4;

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
  const perLane = Math.floor((to - from) / LANES);
  if (perLane === 0) return resampleOneStream(pairs, state, savings, from, to);
  const laneDraws = perLane * (pairs.length / 2);
  const starts = [state];
  for (let lane = 1; lane < LANES; lane++) starts.push(aleaJump(state, lane * laneDraws));
  const after = resampleFourStreams(pairs, starts, savings, from, perLane);
  return resampleOneStream(pairs, after, savings, from + LANES * perLane, to);
}

/** Resamples [from, to) from one stream. */
function resampleOneStream(
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
      // ⌊draw · units⌋ by truncation (positive, below 2^31): Math.floor plus its conversion to an index
      // cost more than the draw itself (1,000 units, four streams: 611 → 255 ms per 10^8 draws).
      const at = ((draw * units) | 0) << 1;
      costSum += pairs[at];
      baseSum += pairs[at + 1];
    }
    savings[b] = baseSum === 0 ? 0 : 1 - costSum / baseSum;
  }
  return { s0: words[oldest], s1: words[(oldest + 1) % 3], s2: words[(oldest + 2) % 3], c };
}

/**
 * Four blocks of `perLane` resamples from `from`, block k from `starts[k]` (the state at its first draw),
 * stepped together; returns the last block's end state, which is the one stream's after all four.
 */
function resampleFourStreams(
  pairs: Float64Array,
  starts: readonly AleaState[],
  savings: Float64Array,
  from: number,
  perLane: number,
): AleaState {
  const units = pairs.length / 2;
  // Lane k's ring at 3k..3k+2; the four rings turn together, so one `oldest` serves them all.
  const words = new Float64Array(3 * LANES);
  for (let lane = 0; lane < LANES; lane++) {
    words[3 * lane] = starts[lane].s0;
    words[3 * lane + 1] = starts[lane].s1;
    words[3 * lane + 2] = starts[lane].s2;
  }
  let c0 = starts[0].c;
  let c1 = starts[1].c;
  let c2 = starts[2].c;
  let c3 = starts[3].c;
  let oldest = 0;
  const multiplier = ALEA_MULTIPLIER;
  const fraction = TWO_TO_MINUS_32;
  for (let b = 0; b < perLane; b++) {
    let cost0 = 0;
    let base0 = 0;
    let cost1 = 0;
    let base1 = 0;
    let cost2 = 0;
    let base2 = 0;
    let cost3 = 0;
    let base3 = 0;
    for (let i = 0; i < units; i++) {
      const t0 = multiplier * words[oldest] + c0 * fraction;
      const t1 = multiplier * words[3 + oldest] + c1 * fraction;
      const t2 = multiplier * words[6 + oldest] + c2 * fraction;
      const t3 = multiplier * words[9 + oldest] + c3 * fraction;
      c0 = t0 | 0;
      c1 = t1 | 0;
      c2 = t2 | 0;
      c3 = t3 | 0;
      const draw0 = t0 - c0;
      const draw1 = t1 - c1;
      const draw2 = t2 - c2;
      const draw3 = t3 - c3;
      words[oldest] = draw0;
      words[3 + oldest] = draw1;
      words[6 + oldest] = draw2;
      words[9 + oldest] = draw3;
      oldest = oldest === 2 ? 0 : oldest + 1;
      const at0 = ((draw0 * units) | 0) << 1;
      const at1 = ((draw1 * units) | 0) << 1;
      const at2 = ((draw2 * units) | 0) << 1;
      const at3 = ((draw3 * units) | 0) << 1;
      cost0 += pairs[at0];
      base0 += pairs[at0 + 1];
      cost1 += pairs[at1];
      base1 += pairs[at1 + 1];
      cost2 += pairs[at2];
      base2 += pairs[at2 + 1];
      cost3 += pairs[at3];
      base3 += pairs[at3 + 1];
    }
    savings[from + b] = base0 === 0 ? 0 : 1 - cost0 / base0;
    savings[from + perLane + b] = base1 === 0 ? 0 : 1 - cost1 / base1;
    savings[from + 2 * perLane + b] = base2 === 0 ? 0 : 1 - cost2 / base2;
    savings[from + 3 * perLane + b] = base3 === 0 ? 0 : 1 - cost3 / base3;
  }
  return { s0: words[9 + oldest], s1: words[9 + ((oldest + 1) % 3)], s2: words[9 + ((oldest + 2) % 3)], c: c3 };
}
