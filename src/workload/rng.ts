// Seeded randomness: every random draw in ttlsim goes through an Rng made here (docs/architecture.md: never
// Math.random). Sub-streams are derived by name, so adding a component does not shift the others.
// Alea alone: seedrandom's main module loads its seven generators (eight CommonJS files) for the one used
// here (docs/performance.md, "Start-up"); `seedrandom.alea` is this same module.
import alea from 'seedrandom/lib/alea.js';

/**
 * Alea's state (seedrandom's lib/alea.js): three fractions of 2^32 and a carry. One draw is
 *   t = ALEA_MULTIPLIER · s0 + c · 2^−32;  s0 = s1;  s1 = s2;  c = t | 0;  s2 = t − c;  the draw is s2.
 */
export interface AleaState {
  s0: number;
  s1: number;
  s2: number;
  c: number;
}
export const ALEA_MULTIPLIER = 2091639;
export const TWO_TO_MINUS_32 = 2.3283064365386963e-10;

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** An independent stream derived from this one's seed and `name` (same name → same stream). */
  fork(name: string): Rng;
  readonly seed: string;
  /**
   * A copy of the state, for a loop of a hundred million draws that steps Alea in local variables (the
   * verdict's bootstrap: a call per draw cost twice the draw); `resume` hands the state back, after which
   * `next` goes on as if it had made those draws itself.
   */
  state(): AleaState;
  resume(state: AleaState): void;
}

/** Creates the root stream for a scenario seed. Alea: fast, good quality, and seedable by string. */
export function createRng(seed: number | string): Rng {
  return makeRng(String(seed));
}

function makeRng(seed: string): Rng {
  let prng = alea(seed, { state: true });
  return {
    seed,
    next: () => prng(),
    fork: (name: string) => makeRng(`${seed}/${name}`),
    state: () => prng.state(),
    resume: (state: AleaState) => {
      prng = alea('', { state: { ...state } });
    },
  };
}
